/** `BASE_PATH` normalized to `/`, `/catalog/`, …: the one rule the settings and every href share. */
export function basePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
