import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import AppShell from '../features/shell/components/AppShell.vue';
import { useSessionStore } from '../features/auth/stores/session.ts';
import SetupView from '../features/auth/components/SetupView.vue';
import SignInView from '../features/auth/components/SignInView.vue';
import WorkflowsView from '../features/workflows/components/WorkflowsView.vue';

const routes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: SetupView, meta: { public: true } },
  { path: '/signin', name: 'signin', component: SignInView, meta: { public: true } },
  // Invitation and password-reset links; reachable signed in or not.
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('../features/users/components/AcceptInviteView.vue'),
    meta: { public: true, anyone: true },
  },
  {
    path: '/',
    component: AppShell,
    children: [
      { path: '', redirect: '/workflows' },
      { path: 'workflows', name: 'workflows', component: WorkflowsView },
      // The editor (canvas, CodeMirror, the expression interpreter) is its own lazily loaded chunk.
      {
        path: 'workflows/:id',
        name: 'editor',
        component: () => import('../features/editor/components/EditorView.vue'),
      },
      {
        path: 'executions',
        name: 'executions',
        component: () => import('../features/executions/components/ExecutionsView.vue'),
      },
      {
        path: 'executions/:executionId',
        name: 'execution',
        component: () => import('../features/editor/components/EditorView.vue'),
      },
      {
        path: 'credentials',
        name: 'credentials',
        component: () => import('../features/credentials/components/CredentialsView.vue'),
      },
      {
        path: 'variables',
        name: 'variables',
        component: () => import('../features/settings/components/VariablesView.vue'),
      },
      {
        path: 'overview',
        name: 'overview',
        component: () => import('../features/overview/components/OverviewView.vue'),
      },
      {
        path: 'ai/usage',
        name: 'ai-usage',
        component: () => import('../features/ai/usage/UsageView.vue'),
      },
      {
        path: 'ai/knowledge-bases',
        name: 'ai-knowledge-bases',
        component: () => import('../features/ai/knowledge/KnowledgeView.vue'),
      },
      {
        path: 'ai/prompts',
        name: 'ai-prompts',
        component: () => import('../features/ai/prompts/PromptsView.vue'),
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('../features/audit/components/AuditView.vue'),
      },
      {
        path: 'settings',
        component: () => import('../features/settings/components/SettingsLayout.vue'),
        children: [
          {
            path: '',
            name: 'settings',
            component: () => import('../features/settings/components/SettingsView.vue'),
          },
          {
            path: 'users',
            name: 'settings-users',
            component: () => import('../features/users/components/UsersView.vue'),
          },
          {
            path: 'projects',
            name: 'settings-projects',
            component: () => import('../features/projects/components/ProjectsView.vue'),
          },
          {
            path: 'instance',
            name: 'settings-instance',
            component: () => import('../features/settings/components/InstanceSettingsView.vue'),
          },
          {
            path: 'sso',
            name: 'settings-sso',
            component: () => import('../features/settings/components/SsoSettingsView.vue'),
          },
        ],
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/workflows' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSessionStore();
  await session.load();
  if (session.ownerExists === false) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.name === 'setup') return session.signedIn ? '/workflows' : { name: 'signin' };
  if (to.meta.anyone) return true;
  if (to.meta.public) return session.signedIn ? '/workflows' : true;
  if (!session.signedIn) return { name: 'signin', query: { redirect: to.fullPath } };
  return true;
});
