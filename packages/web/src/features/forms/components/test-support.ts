import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { i18n } from '../../../app/i18n.ts';
import type { FormField, Values } from '../model/form-field.ts';
import ParameterForm from './ParameterForm.vue';

/** Mounts a form the way the node panel does (v-model on the parameters) and keeps the values it emits. */
export function mountForm(fields: FormField[], initial: Values = {}) {
  const values = ref<Values>(initial);
  const Host = defineComponent({
    setup: () => () =>
      h(ParameterForm, {
        fields,
        modelValue: values.value,
        'onUpdate:modelValue': (v: Values) => {
          values.value = v;
        },
      }),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  return { wrapper, values };
}

export const field = (name: string, widget: string, extra: Partial<FormField> = {}): FormField => ({
  name,
  kind: widget,
  label: name,
  widget,
  ...extra,
});
