// Every screen of the console, one line each: the roles that may open it ('*': any logged-in person), its path after
// '#/' (':name' marks an id - never a respondent code, name or passphrase), its module (below /console/), the custom
// element it defines, the key of its title (the navigation's words), the area its words are in (web/i18n/<lang>/
// <area>.json), and nav: false for screens reached from another one. The navigation is built from this list for the
// role. The page only shows what the API lets the role do: a route is not a permission, the API's roles are.
// Add your lines at the end; never reorder.
export const routes = [
  { roles: ['*'], path: 'account', module: 'screens/account/my-account.js', tag: 'fs-my-account', title: 'shell.nav.account', area: 'shell' },
  { roles: ['*'], path: 'account/password', module: 'password-screen.js', tag: 'fs-password-screen', title: 'shell.password.changeTitle', area: 'shell', nav: false },
  { roles: ['admin'], path: 'admin/audit', module: 'screens/admin/audit-log.js', tag: 'fs-audit-log', title: 'admin.nav.audit', area: 'admin' },
  { roles: ['admin'], path: 'admin/audit/:seq', module: 'screens/admin/audit-log.js', tag: 'fs-audit-log', title: 'admin.nav.audit', area: 'admin' },
  { roles: ['admin'], path: 'admin/chain', module: 'screens/admin/audit-chain.js', tag: 'fs-audit-chain', title: 'admin.nav.chain', area: 'admin' },
  { roles: ['admin'], path: 'admin/health', module: 'screens/admin/health.js', tag: 'fs-health', title: 'admin.nav.health', area: 'admin' },
  { roles: ['coordinator'], path: 'coordinator/progress', module: 'screens/coordinator/progress.js', tag: 'fs-coord-progress', title: 'coordinator.nav.progress', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/forms', module: 'screens/coordinator/forms.js', tag: 'fs-coord-forms', title: 'coordinator.nav.forms', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/enrolment', module: 'screens/coordinator/enrolment.js', tag: 'fs-coord-enrolment', title: 'coordinator.nav.enrolment', area: 'coordinator' },
];
