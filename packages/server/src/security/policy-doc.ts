import {
  INSTANCE_RESOURCES,
  INSTANCE_ROLE_MATRIX,
  FELLOW_MEMBER_ACTIONS,
  INSTANCE_ROLES,
  OWN_RECORD_ACTIONS,
  PROJECT_RESOURCES,
  PROJECT_ROLE_MATRIX,
  PROJECT_ROLES,
  SHARE_MATRIX,
} from './policy.ts';

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const list = (actions: readonly string[]) => (actions.length === 0 ? '—' : actions.join(', '));

/** The permission matrix as Markdown; docs/security.md embeds it and a test keeps the two equal. */
export function renderPolicyMarkdown(): string {
  const project = table(
    ['Resource', ...PROJECT_ROLES.map((r) => `project ${r}`)],
    PROJECT_RESOURCES.map((res) => [
      res,
      ...PROJECT_ROLES.map((role) => list(PROJECT_ROLE_MATRIX[role][res])),
    ]),
  );
  const instance = table(
    ['Resource', ...INSTANCE_ROLES, 'own record', 'a fellow member’s record'],
    INSTANCE_RESOURCES.map((res) => [
      res,
      ...INSTANCE_ROLES.map((role) => list(INSTANCE_ROLE_MATRIX[role][res])),
      list(OWN_RECORD_ACTIONS[res] ?? []),
      list(FELLOW_MEMBER_ACTIONS[res] ?? []),
    ]),
  );
  const shares = table(
    ['Share access', 'Members of the target project may'],
    Object.entries(SHARE_MATRIX).map(([access, actions]) => [access, list(actions)]),
  );
  return [
    '<!-- policy:start (generated from packages/server/src/security/policy.ts) -->',
    '### Project roles',
    '',
    project,
    '',
    'Instance owners and admins have the project-admin column in every project.',
    'Tags are names shared by the whole instance: writing them takes the tag actions in a team project',
    '(a personal project, where everyone is admin, does not count).',
    '',
    '### Instance roles',
    '',
    instance,
    '',
    '### Sharing',
    '',
    shares,
    '<!-- policy:end -->',
  ].join('\n');
}
