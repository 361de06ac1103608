// Test fixtures: binary frames built byte by byte from PROTOCOL.md's layout, and unsigned JWTs.

const KIND_BYTES = { image: 0x01, audio: 0x02, video: 0x03, compressed_json: 0x04, custom: 0x05 };
const ENCODING_BYTES = { none: 0x00, gzip: 0x01, deflate: 0x02, zstd: 0x03 };

/** A binary frame: magic, version, kind, encoding, metadata length (u32 big-endian), metadata, payload. */
export function binaryFrame(kind, encoding, metadata, payload) {
  const meta = typeof metadata === 'string' ? Buffer.from(metadata) : Buffer.from(JSON.stringify(metadata));
  const header = Buffer.alloc(8);
  header[0] = 0x53;
  header[1] = 0x01;
  header[2] = KIND_BYTES[kind] ?? kind;
  header[3] = ENCODING_BYTES[encoding] ?? encoding;
  header.writeUInt32BE(meta.length, 4);
  const frame = Buffer.concat([header, meta, Buffer.from(payload)]);
  return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength); // an ArrayBuffer, as a browser gives
}

/** Metadata of a delivered binary message, as DeliveryFrameEncoder writes it. */
export function metadata(fields = {}) {
  return {
    type: 'message', channel: 'forum_threads:42', offset: 58, epoch: 'Zx8:1', event: 'comments.loaded',
    ts: 1763800000456, content_type: 'application/json', ...fields,
  };
}

/** An unsigned JWT with this payload (the SDK never verifies signatures). */
export function jwt(payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}
