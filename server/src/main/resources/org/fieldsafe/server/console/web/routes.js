// Every screen of the console, one line each: the roles that may open it ('*': any logged-in person), its path after
// '#/' (':name' marks an id - never a respondent code, name or passphrase), its module (below /console/), the custom
// element it defines, the key of its title (the navigation's words), the area its words are in (web/i18n/<lang>/
// <area>.json), and nav: false for screens reached from another one. The navigation is built from this list for the
// role; a screen marked home: true comes first in it and is where the role lands after login.
// The page only shows what the API lets the role do: a route is not a permission, the API's roles are.
// Add your lines at the end; never reorder.
export const routes = [
  { roles: ['*'], path: 'account', module: 'screens/account/my-account.js', tag: 'fs-my-account', title: 'shell.nav.account', area: 'shell' },
  { roles: ['*'], path: 'account/password', module: 'password-screen.js', tag: 'fs-password-screen', title: 'shell.password.changeTitle', area: 'shell', nav: false },
  { roles: ['admin'], path: 'admin/audit', module: 'screens/admin/audit-log.js', tag: 'fs-audit-log', title: 'admin.nav.audit', area: 'admin' },
  { roles: ['admin'], path: 'admin/audit/:seq', module: 'screens/admin/audit-log.js', tag: 'fs-audit-log', title: 'admin.nav.audit', area: 'admin' },
  { roles: ['admin'], path: 'admin/chain', module: 'screens/admin/audit-chain.js', tag: 'fs-audit-chain', title: 'admin.nav.chain', area: 'admin' },
  { roles: ['admin'], path: 'admin/health', module: 'screens/admin/health.js', tag: 'fs-health', title: 'admin.nav.health', area: 'admin' },
  { roles: ['safeguarding_officer'], path: 'officer/cases', module: 'screens/officer/case-queue.js', tag: 'fs-officer-queue', title: 'officer.nav.cases', area: 'officer' },
  { roles: ['safeguarding_officer'], path: 'officer/cases/:id', module: 'screens/officer/case-detail.js', tag: 'fs-officer-case', title: 'officer.nav.case', area: 'officer', nav: false },
  { roles: ['data_manager'], path: 'data/exports', module: 'screens/data/exports.js', tag: 'fs-data-exports', title: 'data.nav.exports', area: 'data' },
  { roles: ['data_manager'], path: 'data/exports/:id', module: 'screens/data/export-job.js', tag: 'fs-data-export', title: 'data.nav.export', area: 'data', nav: false },
  { roles: ['data_manager'], path: 'data/exports/:id/review', module: 'screens/data/export-review.js', tag: 'fs-data-export-review', title: 'data.nav.review', area: 'data', nav: false },
  { roles: ['data_manager'], path: 'data/cases', module: 'screens/data/case-counts.js', tag: 'fs-data-case-counts', title: 'data.nav.counts', area: 'data' },
  { roles: ['principal_investigator'], path: 'pi/withdrawal', module: 'screens/pi/pi-withdrawal.js', tag: 'fs-pi-withdrawal', title: 'pi.nav.withdraw', area: 'pi' },
  { roles: ['principal_investigator'], path: 'pi/identity', module: 'screens/pi/pi-identity.js', tag: 'fs-pi-identity', title: 'pi.nav.identity', area: 'pi' },
  { roles: ['principal_investigator'], path: 'pi/stable-codes', module: 'screens/pi/pi-stable-codes.js', tag: 'fs-pi-stable-codes', title: 'pi.nav.grants', area: 'pi' },
  { roles: ['data_manager', 'safeguarding_officer', 'principal_investigator'], path: 'keys', module: 'screens/pi/key-custody.js', tag: 'fs-key-custody', title: 'pi.nav.custody', area: 'pi' },
  { roles: ['admin', 'coordinator'], path: 'users', module: 'screens/users/users-list.js', tag: 'fs-users-list', title: 'users.nav', area: 'users' },
  { roles: ['admin', 'coordinator'], path: 'users/:username', module: 'screens/users/user-detail.js', tag: 'fs-user-detail', title: 'users.nav', area: 'users', nav: false },
  { roles: ['coordinator'], path: 'coordinator/progress', module: 'screens/coordinator/progress.js', tag: 'fs-coord-progress', title: 'coordinator.nav.progress', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/forms', module: 'screens/coordinator/forms.js', tag: 'fs-coord-forms', title: 'coordinator.nav.forms', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/enrolment', module: 'screens/coordinator/enrolment.js', tag: 'fs-coord-enrolment', title: 'coordinator.nav.enrolment', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/overview', module: 'screens/coordinator/overview.js', tag: 'fs-coord-overview', title: 'coordinator.nav.overview', area: 'coordinator', home: true },
  { roles: ['coordinator'], path: 'coordinator/translations', module: 'screens/coordinator/translations.js', tag: 'fs-coord-translations', title: 'coordinator.nav.translations', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/directory', module: 'screens/coordinator/directory.js', tag: 'fs-coord-directory', title: 'coordinator.nav.directory', area: 'coordinator' },
  { roles: ['coordinator'], path: 'coordinator/directory/:site', module: 'screens/coordinator/directory.js', tag: 'fs-coord-directory', title: 'coordinator.nav.directory', area: 'coordinator', nav: false },
  { roles: ['transcriber'], path: 'transcriber/queue', module: 'screens/transcriber/queue.js', tag: 'fs-transcriber-queue', title: 'transcriber.nav.queue', area: 'transcriber' },
  { roles: ['transcriber'], path: 'transcriber/desk/:submission/:kind/:language', module: 'screens/transcriber/desk.js', tag: 'fs-transcriber-desk', title: 'transcriber.nav.desk', area: 'transcriber', nav: false },
  { roles: ['principal_investigator'], path: 'pi/audio-grants', module: 'screens/pi/pi-audio-grants.js', tag: 'fs-pi-audio-grants', title: 'pi.nav.audio', area: 'pi' },
];
