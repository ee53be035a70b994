import {
  type CredentialTypeDefinition,
  NodeOperationError,
  type ParamShape,
  type ParamsOf,
} from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';

/** The node's credential data checked against its type; a misfit is the node's error. */
export function nodeCredential<S extends ParamShape>(
  type: CredentialTypeDefinition<S>,
  data: Record<string, unknown>,
  node: string,
): ParamsOf<S> {
  const result = readCredentialData(type, data);
  if (result.ok) return result.data;
  throw new NodeOperationError(node, `${result.message} (node "${node}")`, {
    details: { code: 'CREDENTIAL_INVALID', credentialType: type.name },
  });
}
