// Minimal Kafka wire-protocol readiness probe, node built-ins only.
//
// Sends one Metadata request (api key 3, version 4, no topics) and parses the
// broker list out of the response. Version 4 is the oldest Metadata version
// Kafka 4.x still accepts (KIP-896 removed v0-v3) and 3.x accepts it too;
// it is a non-flexible version, so plain int16-length strings and int32-length
// arrays, request header v1, response header v0.

import net from 'node:net';

export interface MetadataProbeResult {
  brokers: { nodeId: number; host: string; port: number }[];
  clusterId: string | null;
  controllerId: number;
}

const METADATA_API_KEY = 3;
const METADATA_VERSION = 4;
const CLIENT_ID = 'intake-kafka-launcher';

function encodeRequest(correlationId: number): Buffer {
  const clientId = Buffer.from(CLIENT_ID, 'utf8');
  // header: api_key int16, api_version int16, correlation_id int32, client_id string
  // body:   topics array (int32 count; 0 = no topics), allow_auto_topic_creation int8
  const bodyLen = 2 + 2 + 4 + 2 + clientId.length + 4 + 1;
  const buf = Buffer.alloc(4 + bodyLen);
  let o = 0;
  o = buf.writeInt32BE(bodyLen, o);
  o = buf.writeInt16BE(METADATA_API_KEY, o);
  o = buf.writeInt16BE(METADATA_VERSION, o);
  o = buf.writeInt32BE(correlationId, o);
  o = buf.writeInt16BE(clientId.length, o);
  o += clientId.copy(buf, o);
  o = buf.writeInt32BE(0, o);
  buf.writeInt8(0, o);
  return buf;
}

class Reader {
  private o = 0;
  constructor(private readonly b: Buffer) {}
  int32(): number {
    const v = this.b.readInt32BE(this.o);
    this.o += 4;
    return v;
  }
  int16(): number {
    const v = this.b.readInt16BE(this.o);
    this.o += 2;
    return v;
  }
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const end = this.o + len;
    if (end > this.b.length) throw new RangeError('string past end of response');
    const s = this.b.toString('utf8', this.o, end);
    this.o = end;
    return s;
  }
}

function decodeResponse(payload: Buffer, correlationId: number): MetadataProbeResult {
  const r = new Reader(payload);
  const cid = r.int32();
  if (cid !== correlationId) throw new Error(`unexpected correlation id ${cid} (sent ${correlationId})`);
  r.int32(); // throttle_time_ms
  const n = r.int32();
  if (n < 0 || n > 10_000) throw new Error(`implausible broker count ${n}`);
  const brokers: MetadataProbeResult['brokers'] = [];
  for (let i = 0; i < n; i++) {
    const nodeId = r.int32();
    const host = r.nullableString() ?? '';
    const port = r.int32();
    r.nullableString(); // rack
    brokers.push({ nodeId, host, port });
  }
  const clusterId = r.nullableString();
  const controllerId = r.int32();
  return { brokers, clusterId, controllerId };
}

/**
 * Connects to host:port, sends a Metadata request and resolves with the
 * decoded broker list. Rejects on connection error, malformed answer or
 * timeout. It does not judge readiness: callers check `brokers.length`.
 */
export function probeKafkaMetadata(host: string, port: number, timeoutMs = 3000): Promise<MetadataProbeResult> {
  return new Promise((resolve, reject) => {
    const correlationId = (Math.random() * 0x7fffffff) | 0;
    let chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const sock = net.connect({ host, port });
    const finish = (err: Error | null, res?: MetadataProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(res as MetadataProbeResult);
    };
    const timer = setTimeout(
      () => finish(new Error(`no Metadata response from ${host}:${port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    sock.once('connect', () => sock.write(encodeRequest(correlationId)));
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      received += d.length;
      if (received < 4) return;
      const all = Buffer.concat(chunks, received);
      chunks = [all];
      const size = all.readInt32BE(0);
      if (size < 0 || size > 64 * 1024 * 1024) {
        finish(new Error(`implausible response size ${size} from ${host}:${port}: not a Kafka broker?`));
        return;
      }
      if (received < 4 + size) return;
      try {
        finish(null, decodeResponse(all.subarray(4, 4 + size), correlationId));
      } catch (e) {
        finish(new Error(`bad Metadata response from ${host}:${port}: ${(e as Error).message}`));
      }
    });
    sock.once('error', (e) => finish(e));
    sock.once('close', () => finish(new Error(`connection to ${host}:${port} closed before a Metadata response`)));
  });
}
