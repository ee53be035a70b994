import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorMessage } from './error-message.ts';

/**
 * Runs a user action and keeps its state for the view: `busy` while it runs,
 * `error` as a translated message when it failed (cleared on the next try).
 */
export function useAction() {
  const { t } = useI18n();
  const error = ref('');
  const busy = ref(false);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    error.value = '';
    busy.value = true;
    try {
      await action();
      return true;
    } catch (e) {
      error.value = errorMessage(t, e);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { error, busy, run };
}
