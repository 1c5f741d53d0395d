// A stand-in for the map tile upstream in tests: every tile is one small grey PNG, so no test
// reaches the internet. It counts requests at /count for tests that check the cache.
import { createServer } from 'node:http';
import { deflateSync } from 'node:zlib';

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function greyTile(size = 256) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((size + 1) * size, 0xe4);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0; // filter byte per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const tile = greyTile();
let count = 0;
const port = Number(process.env.TILE_STUB_PORT ?? 3211);

createServer((request, response) => {
  if (request.url === '/count') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count }));
    return;
  }
  if (/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) {
    count++;
    response.writeHead(200, { 'content-type': 'image/png' }).end(tile);
    return;
  }
  response.writeHead(404).end();
}).listen(port, '127.0.0.1', () => console.log(`tile stub on ${port}`));
