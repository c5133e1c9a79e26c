import { routes } from './routes.js';

// Reads routes.js for a role: which screens it may open, which the navigation lists, and which route a '#/...'
// address names (with its ':name' ids). The address carries ids only; form input never goes into it.

export function allowed(route, role) {
  return route.roles.includes('*') || route.roles.includes(role);
}

/** The routes listed in the navigation for a role: its home screen (home: true) first, the rest in routes.js order. */
export function navigation(role) {
  const listed = routes.filter((r) => allowed(r, role) && r.nav !== false && !r.path.includes(':'));
  return [...listed.filter((r) => r.home === true), ...listed.filter((r) => r.home !== true)];
}

/** The screen a role lands on after login: the first of its navigation. */
export function home(role) {
  return navigation(role)[0];
}

/** The areas whose words a role's screens need, the shell's first. */
export function areas(role) {
  return [...new Set(['shell', ...routes.filter((r) => allowed(r, role)).map((r) => r.area)])];
}

/** The route a hash names for a role and its ids, or null (unknown or not the role's). */
export function resolve(hash, role) {
  const path = (hash || '').replace(/^#\/?/, '').split('?')[0];
  for (const route of routes) {
    const names = route.path.split('/');
    const parts = path.split('/');
    if (names.length !== parts.length || !allowed(route, role)) {
      continue;
    }
    const params = {};
    const fits = names.every((name, i) => {
      if (name.startsWith(':')) {
        params[name.substring(1)] = decodeURIComponent(parts[i]);
        return parts[i].length > 0;
      }
      return name === parts[i];
    });
    if (fits) {
      return { route, params };
    }
  }
  return null;
}

/** The address of a route with its ids filled in, e.g. href('officer/cases/:id', {id: 42}). */
export function href(path, params = {}) {
  return '#/' + path.split('/').map((p) => (p.startsWith(':') ? encodeURIComponent(params[p.substring(1)]) : p))
    .join('/');
}
