// Marks on the page's performance timeline, which `npm run bench` reads to show where the time of a
// first render goes (opening the database, reading the register, building its orders).
export function timelineMark(name: string, detail?: unknown): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, { detail });
}
