type Translate = (key: string) => string;

/**
 * How a project is named in lists: a team project by its name; a personal one
 * as "Personal · <owner>" in the user's language (the server names it
 * "<owner> (personal)" in English).
 */
export function projectLabel(t: Translate, project: { name: string; kind: string }): string {
  if (project.kind !== 'personal') return project.name;
  return `${t('projects.personal')} · ${project.name.replace(/ \(personal\)$/, '')}`;
}
