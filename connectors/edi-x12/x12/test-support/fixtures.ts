/** Test helpers: fixture bytes and streams from connectors/edi-x12/fixtures/, in chunks of a chosen size. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The bytes of a fixture. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

/** A byte stream of the given bytes, `chunkSize` bytes per chunk (small sizes exercise chunk boundaries). */
export function streamOf(bytes: Uint8Array, chunkSize = 65_536): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize)
    chunks.push(Buffer.from(bytes.subarray(i, i + chunkSize)));
  return Readable.from(chunks);
}
