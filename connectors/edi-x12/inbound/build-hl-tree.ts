/**
 * The HL hierarchy of an 856 (or any HL set) as a tree built from HL01/HL02 links — never from segment order,
 * which partners do not keep (children may come before their parent's siblings, or even before the parent).
 */
import type { ElementReader } from './read-elements';
import { splitLoops, value } from './read-set';
import type { At } from './read-set';

/** One HL level: its id, level code, own segments (HL first) and children in the order they were sent. */
export interface HlNode {
  id: string;
  parentId: string;
  /** HL03: S shipment, O order, T tare (pallet), P pack, I item (others are kept as sent). */
  level: string;
  hl: At;
  segments: At[];
  parent?: HlNode;
  children: HlNode[];
}

/** The tree: the roots (normally one S), every node by id, and the segments before the first HL. */
export interface HlTree {
  header: At[];
  roots: HlNode[];
  nodes: HlNode[];
}

/** Builds the tree; duplicate ids, unknown parents and cycles are problems at the HL that causes them. */
export function buildHlTree(reader: ElementReader, body: At[]): HlTree {
  const { before, loops } = splitLoops(body, 'HL');
  const byId = new Map<string, HlNode>();
  const nodes: HlNode[] = [];
  for (const segments of loops) {
    const hl = segments[0]!;
    const id = reader.required(hl, 1, 'the hierarchical id');
    const level = reader.required(hl, 3, 'the hierarchical level code: S, O, T, P or I');
    const node: HlNode = { id, parentId: value(hl, 2), level, hl, segments, children: [] };
    if (id && byId.has(id))
      reader.report(hl, 1, `hierarchical id ${id} is used twice; every HL01 must be unique`);
    else if (id) byId.set(id, node);
    nodes.push(node);
  }
  const roots: HlNode[] = [];
  for (const node of nodes) {
    if (!node.parentId) {
      roots.push(node);
      continue;
    }
    const parent = byId.get(node.parentId);
    if (!parent || parent === node) {
      reader.report(node.hl, 2, `parent id ${node.parentId} is not the HL01 of another level in the set`);
      continue;
    }
    node.parent = parent;
    parent.children.push(node);
  }
  for (const node of nodes) {
    const seen = new Set<HlNode>();
    for (let at: HlNode | undefined = node; at; at = at.parent) {
      if (seen.has(at)) {
        reader.report(node.hl, 2, `the parent links of HL ${node.id} go round in a circle`);
        node.parent = undefined;
        break;
      }
      seen.add(at);
    }
  }
  return { header: before, roots, nodes };
}

/** The nearest ancestor (not the node itself) at one of `levels`. */
export function ancestorAt(node: HlNode, levels: string[]): HlNode | undefined {
  for (let at = node.parent; at; at = at.parent) if (levels.includes(at.level)) return at;
  return undefined;
}
