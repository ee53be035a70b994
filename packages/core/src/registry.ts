import { GuixuError } from './errors.ts';
import type { CredentialTypeDefinition } from './sdk/credentials.ts';
import { type AnyNodeDefinition, versionsOf } from './sdk/define-node.ts';

/** Node and credential types known to a host. Filled by discovery, never hand-listed. */
export class NodeRegistry {
  private readonly nodes = new Map<string, AnyNodeDefinition[]>();
  private readonly credentialTypes = new Map<string, CredentialTypeDefinition>();

  register(definition: AnyNodeDefinition): this {
    const list = this.nodes.get(definition.type) ?? [];
    for (const v of versionsOf(definition)) {
      if (list.some((d) => versionsOf(d).includes(v))) {
        throw new GuixuError(
          'NODE_TYPE_DUPLICATE',
          `Node type ${definition.type} v${v} is registered twice`,
          {
            audience: 'bug',
          },
        );
      }
    }
    list.push(definition);
    this.nodes.set(definition.type, list);
    return this;
  }

  registerCredentialType(definition: CredentialTypeDefinition): this {
    this.credentialTypes.set(definition.name, definition);
    return this;
  }

  has(type: string): boolean {
    return this.nodes.has(type);
  }

  /** The definition for a type and version, or undefined. */
  find(type: string, version?: number): AnyNodeDefinition | undefined {
    const list = this.nodes.get(type);
    if (!list) return undefined;
    if (version === undefined) return latest(list);
    return list.find((d) => versionsOf(d).includes(version));
  }

  /** Like `find`, but throws a user error naming what is missing. */
  get(type: string, version?: number): AnyNodeDefinition {
    const found = this.find(type, version);
    if (found) return found;
    const list = this.nodes.get(type);
    if (!list) {
      throw new GuixuError('NODE_TYPE_UNKNOWN', `Unknown node type "${type}"`, {
        details: { type },
        description: 'Run `guixu nodes list` to see the available node types.',
      });
    }
    const known = list.flatMap((d) => versionsOf(d)).join(', ');
    throw new GuixuError(
      'NODE_VERSION_UNKNOWN',
      `Node type "${type}" has no version ${version} (known: ${known})`,
      {
        details: { type, version, known },
      },
    );
  }

  list(): AnyNodeDefinition[] {
    return [...this.nodes.values()].map((list) => latest(list));
  }

  allVersions(): AnyNodeDefinition[] {
    return [...this.nodes.values()].flat();
  }

  credentialType(name: string): CredentialTypeDefinition | undefined {
    return this.credentialTypes.get(name);
  }

  listCredentialTypes(): CredentialTypeDefinition[] {
    return [...this.credentialTypes.values()];
  }
}

function latest(list: AnyNodeDefinition[]): AnyNodeDefinition {
  return list.reduce((best, d) => (Math.max(...versionsOf(d)) > Math.max(...versionsOf(best)) ? d : best));
}
