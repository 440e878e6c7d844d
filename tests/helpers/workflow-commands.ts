/** What the Actions runner does with a line: the command's name, its properties and its message, unescaped. */
export function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } | null {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return null;
  const un = (s: string) =>
    s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = un(kv.slice(i + 1));
  }
  return { command: m[1], props, message: un(m[3]) };
}
