/**
 * The one loopback rule, for the target (which only listens there) and the suite (which only
 * sends load there unless told otherwise): `localhost`, `::1` (also as a URL's `[::1]`) and
 * 127.0.0.0/8.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
