/** The key a user name is unique by: names differ by more than case (`Ana` and `ana` are one user). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
