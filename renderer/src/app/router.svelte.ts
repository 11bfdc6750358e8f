// Hash routing: works the same from app:// in Electron and http:// in a browser, and survives reloads.
// `#/<section>/<param>/<param>…?key=value` — sections are registered in sections.ts.
export interface Route {
  section: string;
  params: string[];
  query: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/dashboard';
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { section: parts[0] ?? 'dashboard', params: parts.slice(1), query };
}

export function href(section: string, params: string[] = [], query: Record<string, string> = {}): string {
  const path = [section, ...params].map(encodeURIComponent).join('/');
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return `#/${path}${q ? `?${q}` : ''}`;
}

const state = $state({ route: parseRoute(typeof location === 'undefined' ? '' : location.hash) });

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    state.route = parseRoute(location.hash);
  });
}

export const router = {
  get route(): Route {
    return state.route;
  },
  go(section: string, params: string[] = [], query: Record<string, string> = {}): void {
    location.hash = href(section, params, query);
  },
};
