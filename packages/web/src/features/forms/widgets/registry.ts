import type { Component } from 'vue';
import AssignmentsWidget from './AssignmentsWidget.vue';
import CodeWidget from './CodeWidget.vue';
import CollectionWidget from './CollectionWidget.vue';
import DateTimeWidget from './DateTimeWidget.vue';
import FilterWidget from './FilterWidget.vue';
import JsonWidget from './JsonWidget.vue';
import ListWidget from './ListWidget.vue';
import MultiSelectWidget from './MultiSelectWidget.vue';
import NoticeWidget from './NoticeWidget.vue';
import NumberWidget from './NumberWidget.vue';
import ObjectWidget from './ObjectWidget.vue';
import ResourceWidget from './ResourceWidget.vue';
import SelectWidget from './SelectWidget.vue';
import TextWidget from './TextWidget.vue';
import ToggleWidget from './ToggleWidget.vue';

/** Every widget the node SDK names; anything else is edited as JSON so no parameter is out of reach. */
export const WIDGETS = [
  'text',
  'string',
  'password',
  'textarea',
  'workflowPicker',
  'number',
  'toggle',
  'select',
  'multiselect',
  'json',
  'workflowInputs',
  'code',
  'datetime',
  'collection',
  'object',
  'list',
  'notice',
  'filter',
  'assignmentCollection',
  'hidden',
  'resource',
] as const;

// A function (not a table) so that the widgets that render nested forms can import this module in a cycle.
export function widgetFor(widget: string): Component {
  switch (widget) {
    case 'text':
    case 'string':
    case 'password':
    case 'textarea':
    case 'workflowPicker':
      return TextWidget;
    case 'number':
      return NumberWidget;
    case 'toggle':
      return ToggleWidget;
    case 'select':
      return SelectWidget;
    case 'multiselect':
      return MultiSelectWidget;
    case 'code':
      return CodeWidget;
    case 'datetime':
      return DateTimeWidget;
    case 'collection':
      return CollectionWidget;
    case 'object':
      return ObjectWidget;
    case 'list':
      return ListWidget;
    case 'notice':
      return NoticeWidget;
    case 'filter':
      return FilterWidget;
    case 'assignmentCollection':
      return AssignmentsWidget;
    case 'resource':
      return ResourceWidget;
    default:
      return JsonWidget;
  }
}
