/** The JSON value of `text`, or undefined when it is empty or not JSON (bodies from outside, read leniently). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
