import type { Choice, ParamShape, ParamsOf } from './params.ts';

/**
 * A credential type: the fields a secret has (declared with the same parameter
 * builders as nodes), which of them are secret, and how to test it.
 */
export interface CredentialTypeDefinition<S extends ParamShape = ParamShape> {
  name: string;
  displayName: string;
  description?: string;
  fields: S;
  /** Field names that are secret: encrypted at rest, masked in every response. */
  secretFields: readonly (keyof S & string)[];
  documentationUrl?: string;
  /** Optional connection test; resolves with a message or throws. */
  test?(data: ParamsOf<S>, signal: AbortSignal): Promise<{ ok: boolean; message: string }>;
  /**
   * Lists the editor's resource pickers read (`p.resource({ loadOptions: name })`):
   * what the service offers for this credential (its models, …). Throws a
   * GuixuError when the service cannot answer.
   */
  listOptions?: Readonly<Record<string, (data: ParamsOf<S>, signal: AbortSignal) => Promise<Choice[]>>>;
}

export function defineCredentialType<const S extends ParamShape>(
  definition: CredentialTypeDefinition<S>,
): CredentialTypeDefinition<S> {
  return definition;
}
