import { type NodeTypeDescription, nodeTypeRoutes } from '@guixu/api';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { call } from '../../../api/client.ts';

export type NodeType = NodeTypeDescription;

/** The node catalog (`/api/v1/node-types`), loaded once: palette entries and parameter forms. */
export const useNodeTypesStore = defineStore('nodeTypes', () => {
  const list = ref<NodeType[]>([]);
  let loading: Promise<void> | undefined;
  const byType = computed(() => new Map(list.value.map((t) => [t.type, t])));

  function load(): Promise<void> {
    loading ??= call(nodeTypeRoutes.list, { query: {} })
      .then((page) => {
        list.value = page.data;
      })
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  }

  return { list, byType, load };
});
