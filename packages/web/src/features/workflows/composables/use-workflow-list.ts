import { type ResponseOf, workflowRoutes } from '@guixu/api';
import { ref, watch } from 'vue';
import { call } from '../../../api/client.ts';
import { useSessionStore } from '../../auth/stores/session.ts';

export type WorkflowSummary = ResponseOf<typeof workflowRoutes.list>['data'][number];
export type WorkflowSort = 'updatedAt:desc' | 'name:asc' | 'createdAt:desc';

/** One page at a time (cursor), filtered by name and project; "load more" appends. */
export function useWorkflowList() {
  const session = useSessionStore();
  const items = ref<WorkflowSummary[]>([]);
  const nextCursor = ref<string | null>(null);
  const search = ref('');
  const sort = ref<WorkflowSort>('updatedAt:desc');
  const deleted = ref(false);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let generation = 0;

  async function load(more = false) {
    if (!session.signedIn) return;
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await call(workflowRoutes.list, {
        query: {
          limit: 50,
          sort: sort.value,
          ...(search.value.trim() ? { name: search.value.trim() } : {}),
          ...(session.project ? { projectId: session.project.id } : {}),
          ...(deleted.value ? { deleted: 'true' as const } : {}),
          ...(more && nextCursor.value ? { cursor: nextCursor.value } : {}),
        },
      });
      if (mine !== generation) return;
      items.value = more ? [...items.value, ...page.data] : page.data;
      nextCursor.value = page.nextCursor;
      error.value = null;
    } catch (e) {
      if (mine === generation) error.value = e;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(search, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 200);
  });
  watch([sort, deleted, () => session.project?.id], () => void load());

  return { items, nextCursor, search, sort, deleted, loading, error, load };
}
