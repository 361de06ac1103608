import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { __internal } from '../switchboard.js';
import { binaryFrame, metadata } from './frames.js';

const { parseBinaryFrame, decodeBinaryMessage, supportedEncodings, toMessage } = __internal;
const comments = [{ id: 1, text: 'première' }, { id: 2, text: 'second' }];

test('splits a frame into kind, encoding, metadata and payload', () => {
  const frame = binaryFrame('image', 'none', metadata({ content_type: 'image/png' }), [0x89, 0x50, 0x4e, 0x47]);
  const parsed = parseBinaryFrame(frame);
  assert.equal(parsed.kind, 'image');
  assert.equal(parsed.encoding, 'none');
  assert.equal(parsed.metadata.content_type, 'image/png');
  assert.deepEqual([...parsed.payload], [0x89, 0x50, 0x4e, 0x47]);
});

test('reads every kind byte', async () => {
  for (const kind of ['image', 'audio', 'video', 'custom']) {
    const message = await decodeBinaryMessage(binaryFrame(kind, 'none', metadata({ content_type: 'x/y' }), [1, 2, 3]));
    assert.equal(message.kind, kind);
    assert.deepEqual(message.data, new Uint8Array([1, 2, 3]));
    assert.equal(message.contentType, 'x/y');
  }
  const json = await decodeBinaryMessage(binaryFrame('compressed_json', 'gzip', metadata(), gzipSync('[1]')));
  assert.equal(json.kind, 'compressed_json');
});

test('inflates gzip COMPRESSED_JSON to the JSON value data would have held', async () => {
  const frame = binaryFrame('compressed_json', 'gzip', metadata(), gzipSync(JSON.stringify(comments)));
  const message = toMessage(await decodeBinaryMessage(frame));
  assert.deepEqual(message, {
    channel: 'forum_threads:42', event: 'comments.loaded', data: comments, offset: 58, epoch: 'Zx8:1',
    ts: 1763800000456, replayed: false, contentType: 'application/json', kind: 'compressed_json',
  });
});

test('inflates deflate as raw RFC 1951, without a zlib header', async () => {
  const frame = binaryFrame('compressed_json', 'deflate', metadata(), deflateRawSync(JSON.stringify(comments)));
  assert.deepEqual((await decodeBinaryMessage(frame)).data, comments);
});

test('inflates a compressed image to its bytes', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  const frame = binaryFrame('image', 'gzip', metadata({ content_type: 'image/png' }), gzipSync(png));
  assert.deepEqual((await decodeBinaryMessage(frame)).data, new Uint8Array(png));
});

test('keeps replayed and a null event from the metadata', async () => {
  const frame = binaryFrame('compressed_json', 'gzip', metadata({ replayed: true, event: null }), gzipSync('{"a":1}'));
  const message = toMessage(await decodeBinaryMessage(frame));
  assert.equal(message.replayed, true);
  assert.equal(message.event, null);
});

test('refuses what does not follow the layout', () => {
  const good = new Uint8Array(binaryFrame('image', 'none', metadata(), [1]));
  const broken = (index, value) => {
    const copy = good.slice();
    copy[index] = value;
    return copy;
  };
  for (const frame of [
    good.subarray(0, 7), // shorter than the header
    broken(0, 0x54), // magic
    broken(1, 0x02), // version
    broken(2, 0x06), // kind
    broken(3, 0x04), // encoding
    broken(7, 0xff), // metadata longer than the frame
    new Uint8Array(binaryFrame('image', 'none', '{"type":', [1])),
    new Uint8Array(binaryFrame('image', 'none', '[1,2]', [1])),
  ]) {
    assert.throws(() => parseBinaryFrame(frame), { code: 'bad_frame' });
  }
});

test('reports a corrupt payload and COMPRESSED_JSON that is not JSON as bad frames', async () => {
  const corrupt = gzipSync('[1,2,3]');
  corrupt[12] ^= 0xff;
  await assert.rejects(decodeBinaryMessage(binaryFrame('compressed_json', 'gzip', metadata(), corrupt)), { code: 'bad_frame' });
  await assert.rejects(decodeBinaryMessage(binaryFrame('compressed_json', 'gzip', metadata(), gzipSync('{nope'))), { code: 'bad_frame' });
});

test('stops inflating past the bound', async () => {
  const bomb = gzipSync(Buffer.alloc(1024 * 1024)); // 1 MiB of zeros, about 1 KiB on the wire
  const frame = binaryFrame('custom', 'gzip', metadata({ content_type: 'application/octet-stream' }), bomb);
  await assert.rejects(decodeBinaryMessage(frame, 64 * 1024), { code: 'message_too_large' });
  assert.equal((await decodeBinaryMessage(frame, 1024 * 1024)).data.length, 1024 * 1024);
});

test('announces only the encodings DecompressionStream can inflate here', async () => {
  let zstd = true;
  try {
    new DecompressionStream('zstd');
  } catch {
    zstd = false;
  }
  assert.deepEqual(supportedEncodings(), zstd ? ['gzip', 'deflate', 'zstd'] : ['gzip', 'deflate']);
  if (!zstd) {
    const frame = binaryFrame('compressed_json', 'zstd', metadata(), [0x28, 0xb5, 0x2f, 0xfd]);
    await assert.rejects(decodeBinaryMessage(frame), { code: 'bad_frame' });
  }
});

test('gives a text message frame the same shape as a binary one', () => {
  const frame = {
    type: 'message', channel: 'metrics', offset: 42, epoch: 'Zx8:0', event: 'cpu', data: { cpu: 0.42 }, ts: 17,
  };
  assert.deepEqual(toMessage(frame), {
    channel: 'metrics', event: 'cpu', data: { cpu: 0.42 }, offset: 42, epoch: 'Zx8:0', ts: 17, replayed: false,
  });
});
