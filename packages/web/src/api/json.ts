/**
 * A deep copy of JSON data (documents, parameter values, items). Works on
 * Vue's reactive proxies, which `structuredClone` refuses.
 */
export function copyJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
