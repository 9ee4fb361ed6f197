/**
 * Workflow histories to and from proto3 JSON (the format Temporal's CLI, UI and HTTP API export), as the SDK's
 * `historyToJSON` / `historyFromJSON` (@temporalio/common/lib/proto-utils) write and read it.
 *
 * The SDK helpers are used when they work. In this install @temporalio/common and @temporalio/proto each resolve
 * their own copy of protobufjs, so the SDK helpers reject the History type with "type must be a Type"; then the
 * same conversion runs with the protobufjs copy @temporalio/proto's types were built with (resolved from its
 * location, whatever the install layout). The JSON is the same either way.
 */
import { createRequire } from 'node:module';
import type * as ProtoModule from '@temporalio/proto';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

/** A workflow history as the client's `fetchHistory()` returns it and the replayer takes it. */
export type History = ProtoModule.temporal.api.history.v1.IHistory;

interface ProtoJson {
  fromJson: (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => unknown;
  toJson: (type: unknown, message: unknown) => unknown;
}

const requireFromProto = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'));
const protoJson = requireFromProto('protobufjs/ext/protojson') as ProtoJson;
const proto = requireFromProto('@temporalio/proto') as typeof ProtoModule;
const { patchProtobufRoot } = requireFromProto('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot: (root: unknown) => { lookupType(name: string): unknown };
};
const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');

/** True for the duplicated-protobufjs failure of the SDK helpers (and nothing else). */
const isDuplicateProtobufError = (e: unknown): boolean =>
  e instanceof Error && e.message.includes('must be a Type');

/** A history as pretty-printed proto3 JSON (loads back with `historyFromJson` or the SDK's `historyFromJSON`). */
export function historyToJson(history: History): string {
  try {
    return historyToJSON(history);
  } catch (e) {
    if (!isDuplicateProtobufError(e)) throw e;
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(protoJson.toJson(historyType, message), null, 2);
  }
}

/** A history read from proto3 JSON (as `historyToJson`, the CLI or the UI wrote it). */
export function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (e) {
    if (!isDuplicateProtobufError(e)) throw e;
    const loaded = protoJson.fromJson(historyType, json, { ignoreUnknownFields: true });
    if (!loaded) throw new TypeError('not a workflow history');
    return loaded;
  }
}
