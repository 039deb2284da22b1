// Exits 0 once a TLS Kafka listener answers an ApiVersions v0 request (Kafka allows it before
// SASL authentication), verifying the broker's certificate against the given CA.
// Usage: node tls-api-versions.mjs <port> <ca.pem>
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';

const [port, caFile] = process.argv.slice(2);
// size 12, api key 18 (ApiVersions), version 0, correlation id 1, client id "sh"
const request = Buffer.from([0, 0, 0, 12, 0, 18, 0, 0, 0, 0, 0, 1, 0, 2, 0x73, 0x68]);
const socket = connect({ host: '127.0.0.1', port: Number(port), ca: readFileSync(caFile), servername: 'localhost' }, () => socket.write(request));
let received = Buffer.alloc(0);
socket.on('data', (chunk) => {
  received = Buffer.concat([received, chunk]);
  if (received.length < 10) return;
  // correlation id 1, error code 0
  process.exit(received.readInt32BE(4) === 1 && received.readInt16BE(8) === 0 ? 0 : 1);
});
socket.on('error', () => process.exit(1));
socket.setTimeout(3000, () => process.exit(1));
