// Hash routing: works the same from app:// in Electron and http:// in a browser, and survives reloads.
export type Route =
  | { name: 'projects' }
  | { name: 'project'; id: string; tab: string }
  | { name: 'organisations' }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/projects';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'projects':
      if (parts.length === 1) return { name: 'projects' };
      return { name: 'project', id: parts[1], tab: parts[2] ?? 'overview' };
    case 'organisations':
      return { name: 'organisations' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'not-found', path };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'projects':
      return '#/projects';
    case 'project':
      return `#/projects/${encodeURIComponent(route.id)}/${encodeURIComponent(route.tab)}`;
    case 'organisations':
      return '#/organisations';
    case 'settings':
      return '#/settings';
    case 'not-found':
      return `#/${route.path}`;
  }
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
  go(route: Route): void {
    location.hash = href(route);
  },
};
