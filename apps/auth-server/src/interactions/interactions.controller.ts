import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errors, type InteractionResults } from 'oidc-provider';
import { PLATFORM_APIS } from '../oidc/api-registry';
import { AuthorizationFailureMetrics, INVALID_CREDENTIALS } from '../metrics/authorization-failure.metrics';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import { consentPage, errorPage, loginPage, pageContentSecurityPolicy } from '../pages';
import { UserDirectory } from '../users/user-directory';

type Interaction = Awaited<ReturnType<OidcProviderHost['current']['interactionDetails']>>;

/**
 * The login and consent pages oidc-provider sends browsers to (`/interaction/<uid>`). The
 * interaction is bound to a cookie oidc-provider set, so a form posted from another site,
 * or after the interaction expired, is refused.
 */
@Controller('interaction/:uid')
export class InteractionsController {
  constructor(
    private readonly host: OidcProviderHost,
    private readonly users: UserDirectory,
    private readonly failures: AuthorizationFailureMetrics,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    const interaction = await this.details(req, res);
    if (!interaction) return;
    const clientName = await this.clientName(interaction);
    if (interaction.prompt.name === 'login') {
      sendPage(res, HttpStatus.OK, loginPage({ uid: interaction.uid, clientName }), redirectTargets(interaction));
      return;
    }
    const account = interaction.session?.accountId ? this.users.find(interaction.session.accountId) : undefined;
    const requested = requestedScopes(interaction, new Set(account?.scopes ?? []));
    sendPage(
      res,
      HttpStatus.OK,
      consentPage({
        uid: interaction.uid,
        clientName,
        userName: account?.name ?? 'you',
        scopes: requested.scopes,
        apiName: requested.apiName,
      }),
      redirectTargets(interaction),
    );
  }

  @Post('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const interaction = await this.details(req, res);
    if (!interaction) return;
    if (interaction.prompt.name !== 'login') {
      sendPage(res, HttpStatus.BAD_REQUEST, errorPage({ title: 'Sign-in not expected', message: 'This step does not ask for a sign-in.' }));
      return;
    }
    const body = formBody(req);
    const username = body['username'] ?? '';
    const account = await this.users.authenticate(username, body['password'] ?? '');
    if (!account) {
      this.failures.record(INVALID_CREDENTIALS);
      const clientName = await this.clientName(interaction);
      sendPage(
        res,
        HttpStatus.UNAUTHORIZED,
        loginPage({ uid: interaction.uid, clientName, username, error: 'The username or password is not right.' }),
        redirectTargets(interaction),
      );
      return;
    }
    await this.finish(req, res, { login: { accountId: account.sub } }, false);
  }

  @Post('confirm')
  async confirm(@Req() req: Request, @Res() res: Response): Promise<void> {
    const interaction = await this.details(req, res);
    if (!interaction) return;
    const accountId = interaction.session?.accountId;
    const account = accountId ? this.users.find(accountId) : undefined;
    if (interaction.prompt.name !== 'consent' || !account) {
      sendPage(res, HttpStatus.BAD_REQUEST, errorPage({ title: 'Consent not expected', message: 'This step does not ask for consent.' }));
      return;
    }
    const { Grant } = this.host.current;
    const params = interaction.params as { client_id: string };
    const grant =
      (interaction.grantId ? await Grant.find(interaction.grantId) : undefined) ??
      new Grant({ accountId: account.sub, clientId: params.client_id });
    const details = interaction.prompt.details as ConsentDetails;
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    const userScopes = new Set(account.scopes);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      // A token carries only scopes both the application and the user may have. The others are
      // recorded as refused, so the consent prompt does not come back for them.
      grant.addResourceScope(
        indicator,
        scopes.filter((scope) => userScopes.has(scope)),
      );
      grant.rejectResourceScope(
        indicator,
        scopes.filter((scope) => !userScopes.has(scope)),
      );
    }
    const grantId = await grant.save();
    await this.finish(req, res, { consent: { grantId } }, true);
  }

  @Get('abort')
  async abort(@Req() req: Request, @Res() res: Response): Promise<void> {
    const interaction = await this.details(req, res);
    if (!interaction) return;
    await this.finish(req, res, { error: 'access_denied', error_description: 'the user cancelled the request' }, false);
  }

  private async details(req: Request, res: Response): Promise<Interaction | undefined> {
    try {
      return await this.host.current.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest) {
        sendPage(
          res,
          HttpStatus.BAD_REQUEST,
          errorPage({ title: 'This sign-in has expired', message: 'Go back to the application and start again.' }),
        );
        return undefined;
      }
      throw error;
    }
  }

  private async finish(req: Request, res: Response, result: InteractionResults, mergeWithLastSubmission: boolean): Promise<void> {
    const redirectTo = await this.host.current.interactionResult(req, res, result, { mergeWithLastSubmission });
    // 303: the browser follows a POST's redirect with a GET.
    res.status(HttpStatus.SEE_OTHER).setHeader('Location', redirectTo);
    res.setHeader('Cache-Control', 'no-store');
    res.end();
  }

  private async clientName(interaction: Interaction): Promise<string> {
    const clientId = (interaction.params as { client_id?: string }).client_id ?? '';
    const client = await this.host.current.Client.find(clientId);
    return client?.clientName ?? clientId;
  }
}

interface ConsentDetails {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

/** What the consent page lists: the OIDC scopes asked for, and the API scopes this user can grant. */
function requestedScopes(interaction: Interaction, userScopes: ReadonlySet<string>): { scopes: string[]; apiName: string | undefined } {
  const details = interaction.prompt.details as ConsentDetails;
  const resourceScopes = Object.entries(details.missingResourceScopes ?? {});
  const apiName = resourceScopes
    .map(([indicator]) => PLATFORM_APIS.find((api) => api.identifier === indicator)?.audience ?? indicator)
    .join(', ');
  return {
    scopes: [
      ...(details.missingOIDCScope ?? []),
      ...resourceScopes.flatMap(([, scopes]) => scopes.filter((scope) => userScopes.has(scope))),
    ],
    apiName: apiName || undefined,
  };
}

function formBody(req: Request): Record<string, string | undefined> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : undefined]));
}

/**
 * Sends a page. `formRedirectTargets`: where the form's post may end up after redirects (the
 * client's redirect URI), which Chrome and Safari check against `form-action` too.
 */
function sendPage(res: Response, status: number, html: string, formRedirectTargets: readonly string[] = []): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': pageContentSecurityPolicy(formRedirectTargets),
      'Cache-Control': 'no-store',
    })
    .send(html);
}

function redirectTargets(interaction: Interaction): string[] {
  const redirectUri = (interaction.params as { redirect_uri?: unknown }).redirect_uri;
  return typeof redirectUri === 'string' ? [redirectUri] : [];
}
