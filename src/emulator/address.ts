// IPv4 addresses as 32-bit integers, so unit n sits at base + n across octet boundaries (127.0.1.255 → 127.0.2.0).

export function parseIpv4(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4) throw new Error(`"${text}" is not an IPv4 address`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new Error(`"${text}" is not an IPv4 address`);
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** `count` consecutive addresses from `base`; refuses to run past 255.255.255.255. */
export function addressRange(base: string, count: number): string[] {
  const start = parseIpv4(base);
  if (start + count - 1 > 0xffffffff)
    throw new Error(`${count} addresses from ${base} run past 255.255.255.255`);
  return Array.from({ length: count }, (_, i) => formatIpv4(start + i));
}
