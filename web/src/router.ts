import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import { ensureSession, session } from './session/session';

export const kQueues = ['mine', 'unassigned', 'open', 'due', 'breached', 'triage'] as const;
export type QueueName = (typeof kQueues)[number];
/** Roles that see the administration section (managers read only; the server decides what each may do). */
export const kAdminRoles = ['admin', 'manager'];
/** Roles that see the dashboard (the analytics API serves these). */
export const kDashboardRoles = ['team_lead', 'manager', 'director', 'analyst', 'admin'];
/** Roles that decide compensation requests (the server checks the amount against the authority matrix). */
export const kApproverRoles = ['team_lead', 'manager', 'director', 'admin'];
/** Roles that see the settings page (approval limits are set by admins and directors). */
export const kSettingsRoles = ['admin', 'manager', 'director'];
/** Roles that edit solution templates (docs/resolution.md); they see the templates' administration page. */
export const kTemplateEditorRoles = ['team_lead', 'manager', 'director', 'admin'];
/** Roles that see some administration page. */
export const kAnyAdminRoles = [...new Set([...kAdminRoles, ...kSettingsRoles, ...kTemplateEditorRoles])];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('./components/StaffLayout.vue'),
    meta: { staff: true },
    children: [
      { path: '', redirect: '/queue/mine' },
      { path: 'queue', redirect: '/queue/mine' },
      {
        path: 'queue/:queue(mine|unassigned|open|due|breached|triage)',
        name: 'queue',
        component: () => import('./views/QueueView.vue'),
        meta: { title: 'queue.title' },
      },
      { path: 'complaints/new', name: 'intake', component: () => import('./views/IntakeView.vue'), meta: { title: 'intake.title' } },
      { path: 'complaints/:id(\\d+)', name: 'complaint', component: () => import('./views/ComplaintView.vue') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'),
        meta: { title: 'dashboard.title', roles: kDashboardRoles } },
      { path: 'dashboard/analysis', name: 'dashboard-analysis', component: () => import('./views/AnalysisView.vue'),
        meta: { title: 'insights.tabs.analysis', roles: kDashboardRoles } },
      { path: 'dashboard/alerts', name: 'dashboard-alerts', component: () => import('./views/AlertsView.vue'),
        meta: { title: 'insights.alerts.title', roles: kDashboardRoles } },
      { path: 'dashboard/drill', name: 'dashboard-drill', component: () => import('./views/DrillView.vue'),
        meta: { title: 'dashboard.title', roles: kDashboardRoles } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/ops/ApprovalsView.vue'),
        meta: { title: 'approvals.title', roles: kApproverRoles } },
      { path: 'followups', redirect: '/followups/day3' },
      { path: 'followups/:kind(day3|day7)', name: 'followups', component: () => import('./views/ops/FollowUpsView.vue'),
        meta: { title: 'followups.title' } },
      { path: 'admin', redirect: '/admin/users' },
      { path: 'admin/teams', name: 'admin-teams', component: () => import('./views/admin/TeamsView.vue'),
        meta: { title: 'cfg.teams.title', roles: kAdminRoles } },
      { path: 'admin/sla', name: 'admin-sla', component: () => import('./views/admin/SlaSettingsView.vue'),
        meta: { title: 'cfg.sla.title', roles: kAdminRoles } },
      { path: 'admin/rules', name: 'admin-rules', component: () => import('./views/admin/RulesView.vue'),
        meta: { title: 'cfg.rules.title', roles: kAdminRoles } },
      { path: 'admin/templates', name: 'admin-templates', component: () => import('./views/admin/TemplatesView.vue'),
        meta: { title: 'resolution.admin.title', roles: kTemplateEditorRoles } },
      { path: 'admin/analytics', name: 'admin-analytics', component: () => import('./views/admin/AnalyticsSettingsView.vue'),
        meta: { title: 'insights.settings.tab', roles: kSettingsRoles } },
      { path: 'admin/settings', name: 'admin-settings', component: () => import('./views/admin/SettingsView.vue'),
        meta: { title: 'cfg.limits.tab', roles: kSettingsRoles } },
      { path: 'admin/users', name: 'admin-users', component: () => import('./views/admin/UsersView.vue'),
        meta: { title: 'admin.users.title', roles: kAdminRoles } },
      { path: 'admin/data-protection', name: 'admin-data', component: () => import('./views/admin/DataProtectionView.vue'),
        meta: { title: 'admin.data.title', roles: kAdminRoles } },
      { path: 'admin/audit', name: 'admin-audit', component: () => import('./views/admin/AuditView.vue'),
        meta: { title: 'admin.audit.title', roles: kAdminRoles } },
      { path: 'admin/text-models', name: 'admin-models', component: () => import('./views/admin/TextModelsView.vue'),
        meta: { title: 'admin.models.title', roles: kAdminRoles } },
    ],
  },
  {
    path: '/',
    component: () => import('./components/PublicLayout.vue'),
    children: [
      { path: 'signin', name: 'signin', component: () => import('./views/SignInView.vue'), meta: { title: 'signin.title' } },
      { path: 'complain', name: 'complain', component: () => import('./views/PublicComplainView.vue'),
        meta: { title: 'public.fileComplaint' } },
      { path: 'track', name: 'track', component: () => import('./views/TrackView.vue'), meta: { title: 'public.trackTitle' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'),
        meta: { title: 'notFound.title' } },
    ],
  },
];

export function makeRouter(history: RouterHistory = createWebHistory('/')): Router {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    if (to.matched.some((r) => r.meta.staff)) {
      // The page's code is fetched while the session is checked, not after: on a first load that is one round of
      // requests less before the page can ask for its data. (The router's own later call gets the same module.)
      for (const record of to.matched) {
        for (const component of Object.values(record.components ?? {})) {
          if (typeof component === 'function') void (component as () => Promise<unknown>)().catch(() => {});
        }
      }
      const signedIn = await ensureSession().catch(() => false);
      if (!signedIn) return { name: 'signin', query: { next: to.fullPath } };
      const roles = to.matched.flatMap((r) => (r.meta.roles as string[] | undefined) ?? []);
      if (roles.length && !roles.includes(session.user?.role ?? '')) return '/queue/mine';
    }
    if (to.name === 'signin' && session.checked && session.user) {
      const next = typeof to.query.next === 'string' && to.query.next.startsWith('/') ? to.query.next : '/queue/mine';
      return next;
    }
    return true;
  });
  return router;
}
