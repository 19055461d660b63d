/** `${baseUrl}/${segments...}` whether or not the base URL ends with a slash. */
export function locationOf(baseUrl: string, ...segments: string[]): string {
  return [baseUrl.replace(/\/+$/, ''), ...segments].join('/');
}
