/**
 * Orders two strings by their UTF-16 code units, the same on every machine and in both databases'
 * binary collations (unlike `localeCompare`, which follows the process's locale). Every stable
 * order of the product (plans, withdrawal lists, pages) breaks ties with it.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
