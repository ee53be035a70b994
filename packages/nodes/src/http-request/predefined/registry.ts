import type { CredentialTypeDefinition, ParamShape, ParamsOf } from '@guixu/core';
import openAiApi from '../../ai/credentials/open-ai-api.credentials.ts';
import airtableTokenApi, * as airtable from '../../credentials/airtable-token-api.credentials.ts';
import cloudflareApi, * as cloudflare from '../../credentials/cloudflare-api.credentials.ts';
import erpNextApi, * as erpNext from '../../credentials/erp-next-api.credentials.ts';
import discordBotApi, * as discord from '../../credentials/discord-bot-api.credentials.ts';
import gmailOAuth2 from '../../credentials/gmail-o-auth2.credentials.ts';
import googleOAuth2Api from '../../credentials/google-o-auth2-api.credentials.ts';
import googlePalmApi, * as googlePalm from '../../credentials/google-palm-api.credentials.ts';
import hubspotAppToken, * as hubspot from '../../credentials/hubspot-app-token.credentials.ts';
import hubspotOAuth2Api from '../../credentials/hubspot-o-auth2-api.credentials.ts';
import lemlistApi, * as lemlist from '../../credentials/lemlist-api.credentials.ts';
import linearOAuth2Api from '../../credentials/linear-o-auth2-api.credentials.ts';
import microsoftOutlookOAuth2Api from '../../credentials/microsoft-outlook-o-auth2-api.credentials.ts';
import mistralCloudApi, * as mistral from '../../credentials/mistral-cloud-api.credentials.ts';
import notionApi, * as notion from '../../credentials/notion-api.credentials.ts';
import oAuth1Api from '../../credentials/o-auth1-api.credentials.ts';
import type { oAuth2ApiFields } from '../../credentials/o-auth2-api.credentials.ts';
import qdrantApi, * as qdrant from '../../credentials/qdrant-api.credentials.ts';
import { bearer, type ServiceAuth } from '../../credentials/service-auth.ts';
import slackApi, * as slack from '../../credentials/slack-api.credentials.ts';
import virusTotalApi, * as virusTotal from '../../credentials/virus-total-api.credentials.ts';
import whatsAppApi, * as whatsApp from '../../credentials/whats-app-api.credentials.ts';
import wordpressApi, * as wordpress from '../../credentials/wordpress-api.credentials.ts';
import youTubeOAuth2Api from '../../credentials/you-tube-o-auth2-api.credentials.ts';

/** How HTTP Request uses a predefined credential type. */
export type PredefinedAuth =
  | { kind: 'static'; type: CredentialTypeDefinition; authenticate(data: unknown): ServiceAuth }
  | { kind: 'oauth2'; type: CredentialTypeDefinition<typeof oAuth2ApiFields> }
  | { kind: 'oauth1'; type: typeof oAuth1Api };

function service<S extends ParamShape>(
  type: CredentialTypeDefinition<S>,
  authenticate: (data: ParamsOf<S>) => ServiceAuth,
): PredefinedAuth {
  return {
    kind: 'static',
    type: type as unknown as CredentialTypeDefinition,
    // The caller parsed the data with this type's fields.
    authenticate: (data) => authenticate(data as ParamsOf<S>),
  };
}

function oauth2(type: CredentialTypeDefinition<typeof oAuth2ApiFields>): PredefinedAuth {
  return { kind: 'oauth2', type };
}

/**
 * The service credential types HTTP Request accepts as "Predefined Credential
 * Type": the ones the n8n fixtures use most (see docs/http-request.md), each
 * with the auth n8n's credential declares.
 */
export const PREDEFINED_AUTH: Record<string, PredefinedAuth> = {
  cloudflareApi: service(cloudflareApi, cloudflare.authenticate),
  qdrantApi: service(qdrantApi, qdrant.authenticate),
  openAiApi: service(openAiApi, (c) => bearer(c.apiKey)),
  erpNextApi: service(erpNextApi, erpNext.authenticate),
  googlePalmApi: service(googlePalmApi, googlePalm.authenticate),
  wordpressApi: service(wordpressApi, wordpress.authenticate),
  whatsAppApi: service(whatsAppApi, whatsApp.authenticate),
  airtableTokenApi: service(airtableTokenApi, airtable.authenticate),
  hubspotAppToken: service(hubspotAppToken, hubspot.authenticate),
  slackApi: service(slackApi, slack.authenticate),
  discordBotApi: service(discordBotApi, discord.authenticate),
  mistralCloudApi: service(mistralCloudApi, mistral.authenticate),
  virusTotalApi: service(virusTotalApi, virusTotal.authenticate),
  notionApi: service(notionApi, notion.authenticate),
  lemlistApi: service(lemlistApi, lemlist.authenticate),
  googleOAuth2Api: oauth2(googleOAuth2Api),
  gmailOAuth2: oauth2(gmailOAuth2),
  youTubeOAuth2Api: oauth2(youTubeOAuth2Api),
  microsoftOutlookOAuth2Api: oauth2(microsoftOutlookOAuth2Api),
  hubspotOAuth2Api: oauth2(hubspotOAuth2Api),
  linearOAuth2Api: oauth2(linearOAuth2Api),
  oAuth1Api: { kind: 'oauth1', type: oAuth1Api },
};

export const PREDEFINED_CREDENTIAL_TYPES = Object.keys(PREDEFINED_AUTH);
