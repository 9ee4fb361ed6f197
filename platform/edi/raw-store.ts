/**
 * The original bytes of every interchange, inbound and outbound, in a GridFS bucket: files of any size (a 200 MB
 * interchange does not fit a 16 MB document) are written and read as streams in 255 KiB chunks, so keeping the
 * bytes never holds a file in memory. The driver's GridFS implementation is used rather than our own chunking: it
 * is the format every MongoDB tool reads, and it needs only inserts, finds and one unique index, which FerretDB has.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, ObjectId } from 'mongodb';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { NotFoundError } from '../store-errors';

/** What is known about a stored file. */
export interface RawFile {
  id: string;
  length: number;
  sha256: string;
}

/** Metadata kept beside the bytes, for support finding a file without the interchange record. */
export interface RawMetadata {
  connectorId: string;
  direction: 'inbound' | 'outbound';
  fileName?: string;
  contentType?: string;
}

/** A write in progress: pipe bytes into `stream`, then await `done`. */
export interface RawUpload {
  id: string;
  stream: PassThrough;
  done: Promise<RawFile>;
}

/** The raw-bytes store. */
export interface RawStore {
  /** Starts a streaming upload; `done` resolves when the last chunk is stored. */
  open(metadata: RawMetadata): RawUpload;
  /** Stores a whole buffer (outbound documents and acknowledgements). */
  put(content: Buffer, metadata: RawMetadata): Promise<RawFile>;
  /** Reads a stored file as a stream; NotFoundError when there is none. */
  read(id: string): Promise<Readable>;
  /** The stored bytes in memory; for small files (acknowledgements) only. */
  readAll(id: string): Promise<Buffer>;
}

/** Builds the raw store over the `COLLECTIONS.ediRaw` bucket. */
export function createRawStore(db: Db): RawStore {
  const bucket = new GridFSBucket(db, { bucketName: COLLECTIONS.ediRaw });
  const open = (metadata: RawMetadata): RawUpload => {
    const id = new ObjectId();
    const hash = createHash('sha256');
    let length = 0;
    const stream = new PassThrough();
    const counter = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        length += chunk.length;
        callback(null, chunk);
      },
    });
    const upload = bucket.openUploadStreamWithId(id, metadata.fileName ?? id.toHexString(), {
      metadata: { ...metadata },
    });
    const done = pipeline(stream, counter, upload).then(() => ({
      id: id.toHexString(),
      length,
      sha256: hash.digest('hex'),
    }));
    return { id: id.toHexString(), stream, done };
  };
  const read = async (id: string): Promise<Readable> => {
    if (!ObjectId.isValid(id)) throw new NotFoundError('raw interchange file', id);
    const oid = new ObjectId(id);
    const found = await bucket.find({ _id: oid }).limit(1).next();
    if (!found) throw new NotFoundError('raw interchange file', id);
    return bucket.openDownloadStream(oid);
  };
  return {
    open,
    async put(content, metadata) {
      const upload = open(metadata);
      upload.stream.end(content);
      return upload.done;
    },
    read,
    async readAll(id) {
      const chunks: Buffer[] = [];
      for await (const chunk of await read(id)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
