// Which local addresses listen on a TCP port, read from the kernel (/proc/net/tcp and tcp6): a
// test of "binds 127.0.0.1 only" that does not depend on the machine having another interface.
import { readFileSync } from 'node:fs';

const LISTEN = '0A';

/** Local addresses in LISTEN state on `port`, e.g. ['127.0.0.1'] or ['0.0.0.0', '::']. */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 table on this machine
    }
    for (const line of table.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== LISTEN || !local) continue;
      const [address, hexPort] = local.split(':');
      if (!address || Number.parseInt(hexPort ?? '', 16) !== port) continue;
      found.push(file.endsWith('6') ? ipv6(address) : ipv4(address));
    }
  }
  return found;
}

// The kernel prints addresses as little-endian 32-bit words.
function ipv4(hex: string): string {
  const bytes = hex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? [];
  return bytes.reverse().join('.');
}

function ipv6(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse());
  const groups = [];
  for (let index = 0; index < 16; index += 2) groups.push(`${bytes[index]}${bytes[index + 1]}`.replace(/^0+(?=.)/, ''));
  const text = groups.join(':').toLowerCase();
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  return text;
}
