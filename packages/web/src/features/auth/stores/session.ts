import { authRoutes, type ResponseOf } from '@guixu/api';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '../../../api/api-error.ts';
import { call } from '../../../api/client.ts';

export type Me = ResponseOf<typeof authRoutes.me>;
const PROJECT_KEY = 'guixu.project';

/** Who is signed in, whether the instance has an owner yet, and the project the user works in. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const ownerExists = ref<boolean | null>(null);
  const ssoEnabled = ref(false);
  const projectId = ref<string | null>(globalThis.localStorage?.getItem(PROJECT_KEY) ?? null);
  let loading: Promise<void> | undefined;

  const signedIn = computed(() => me.value !== null);
  const project = computed(
    () => me.value?.projects.find((p) => p.id === projectId.value) ?? me.value?.projects[0] ?? null,
  );

  async function refreshMe(): Promise<void> {
    try {
      me.value = await call(authRoutes.me, {});
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) me.value = null;
      else throw error;
    }
    if (me.value && !me.value.projects.some((p) => p.id === projectId.value)) {
      selectProject(me.value.personalProjectId ?? me.value.projects[0]?.id ?? null);
    }
  }

  /** Loads once per page; the router waits for it before deciding where to go. */
  function load(): Promise<void> {
    loading ??= (async () => {
      const status = await call(authRoutes.setupStatus, {});
      ownerExists.value = status.ownerExists;
      ssoEnabled.value = status.ssoEnabled;
      if (status.ownerExists) await refreshMe();
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async function setupOwner(input: { email: string; password: string; displayName?: string }) {
    await call(authRoutes.setupOwner, { body: { ...input, tokens: 'cookie' } });
    ownerExists.value = true;
    await refreshMe();
  }

  async function signIn(email: string, password: string) {
    await call(authRoutes.login, { body: { email, password, tokens: 'cookie' } });
    await refreshMe();
  }

  async function signOut() {
    await call(authRoutes.logout, {}).catch(() => undefined);
    me.value = null;
  }

  function selectProject(id: string | null) {
    projectId.value = id;
    if (id) globalThis.localStorage?.setItem(PROJECT_KEY, id);
  }

  return {
    me,
    ownerExists,
    ssoEnabled,
    signedIn,
    project,
    projectId,
    load,
    refreshMe,
    setupOwner,
    signIn,
    signOut,
    selectProject,
  };
});
