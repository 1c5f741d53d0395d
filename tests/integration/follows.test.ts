/**
 * Following a district or a measure by e-mail (issue 5, "Follow"), from the form's server action
 * through the outbox to a real SMTP server: double opt-in, notices when a dialogue is published or
 * a measure moves on, one-click unsubscribe (RFC 8058) that deletes the address, tokens that are
 * invalid or expired, and answers that never tell whether an address already follows.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as oneClickUnsubscribe } from '@/app/api/follow/unsubscribe/route';
import { confirmFollowAction, requestFollowAction, unsubscribeAction, type FollowFormState } from '@/app/[locale]/follow/actions';
import ConfirmFollowPage from '@/app/[locale]/follow/confirm/page';
import UnsubscribePage from '@/app/[locale]/follow/unsubscribe/page';
import { districts, follows, outbox, rateLimits, users, type OutboxMessage } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { addMeasureUpdate, changeDialogueStatus, createDialogue, createMeasure, setMeasurePublished, type Actor, type ServiceResult } from '@/lib/dialogues/service';
import { processOutbox } from '@/lib/email/outbox';
import { createSmtpSender } from '@/lib/email/smtp';
import { resetEnvCache } from '@/lib/env';
import { CONFIRMATIONS_PER_ADDRESS_PER_HOUR, FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR } from '@/lib/follows/limits';
import { confirmFollow, countFollows, requestFollow, unsubscribeFollow } from '@/lib/follows/service';
import { runRetention } from '@/lib/jobs/retention';
import { startSmtpServer } from '../helpers/smtp';

const request = vi.hoisted(() => ({ headers: new Headers({ 'x-forwarded-for': '203.0.113.7' }) }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
// The pages translate through next-intl's request config, which only Next.js provides: keys are enough here.
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string) => key,
  setRequestLocale: () => {},
}));

const ORIGIN = 'https://portal.stadt.example';
const HOUR = 3_600_000;

function value<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

/** Runs a server action that ends in a redirect and returns where it went. */
async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT;')) return digest.split(';')[2];
    throw error;
  }
  throw new Error('expected a redirect');
}

const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [key, v] of Object.entries(fields)) data.set(key, String(v));
  return data;
};

/** The link after `intro` in a message's text. */
function linkAfter(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no link ${pattern} in:\n${text}`);
  return match[0];
}
const confirmLink = (m: OutboxMessage) => linkAfter(m.textBody, /https:\/\/portal\.stadt\.example(\/en|\/tr)?\/follow\/confirm\?token=[\w-]+/);
const unsubscribeLink = (m: OutboxMessage) => linkAfter(m.textBody, /https:\/\/portal\.stadt\.example(\/en|\/tr)?\/follow\/unsubscribe\?token=[\w.-]+/);
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
/** The one-click address in the List-Unsubscribe header. */
const oneClickOf = (m: OutboxMessage) => /^<(.+)>$/.exec(m.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';

describe.each(testDatabaseKinds())('following by e-mail on %s', (kind) => {
  let database: TestDatabase;
  let actor: Actor;
  let brambauer: number;
  let horstmar: number;

  const followRequest = (fields: Record<string, string | number>) => requestFollowAction({ status: 'idle' }, form({ locale: 'de', website: '', ...fields }));
  const messagesTo = (to: string) => database.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(outbox.id);
  const followOf = async (email: string) => (await database.db.select().from(follows).where(eq(follows.email, email)))[0];

  /** Follows and confirms through the real link; returns the confirmation message. */
  async function followAndConfirm(target: 'district' | 'measure', targetId: number, email: string, locale = 'de') {
    expect(await followRequest({ target, targetId, email, locale })).toEqual({ status: 'sent' });
    const [confirmation] = (await messagesTo(email)).filter((m) => m.kind === 'follow_confirm');
    const link = confirmLink(confirmation);
    expect(await redirectOf(() => confirmFollowAction(form({ token: tokenOf(link), locale })))).toContain('/follow/confirm?token=');
    expect((await followOf(email)).confirmedAt).toBeInstanceOf(Date);
    return confirmation;
  }

  async function publishedDialogue(districtId: number, title: string) {
    const dialogue = value(
      await createDialogue(database.db, actor, { districtId: String(districtId), heldOn: '2026-11-12', venue: 'Bürgerhaus', title: { de: title, en: `${title} (en)` }, summary: { de: 'Licht.' } }),
    );
    value(await changeDialogueStatus(database.db, actor, dialogue.id, 'submit', { version: dialogue.version }));
    return value(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: dialogue.version + 1 }));
  }

  async function publishedMeasure(districtId: number, title: string) {
    const measure = value(await createMeasure(database.db, actor, { title: { de: title, en: `${title} (en)` }, responsible: 'city', districtId: String(districtId) }));
    return value(await setMeasurePublished(database.db, actor, measure.id, true, { version: measure.version }));
  }

  beforeAll(async () => {
    vi.stubEnv('AUTH_URL', ORIGIN);
    resetEnvCache();
    database = await useTestDatabase(kind);
    const [user] = await database.db.insert(users).values({ email: 'koordination@stadt.example', name: 'Koordination', roles: ['coordinator'] }).returning();
    actor = { id: user.id };
    const rows = await database.db.select().from(districts);
    brambauer = rows.find((d) => d.slug === 'brambauer')!.id;
    horstmar = rows.find((d) => d.slug === 'horstmar')!.id;
  });
  afterAll(async () => {
    await database.drop();
    vi.unstubAllEnvs();
    resetEnvCache();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
    await database.db.delete(follows);
    await database.db.delete(rateLimits);
  });

  it('queues a confirmation e-mail whose link confirms only by the button, not by opening it', async () => {
    expect(await followRequest({ target: 'district', targetId: brambauer, email: ' Anwohnerin@Example.org ' })).toEqual({ status: 'sent' });
    const [confirmation, ...others] = await messagesTo('anwohnerin@example.org');
    expect(others).toEqual([]);
    expect(confirmation).toMatchObject({ kind: 'follow_confirm', locale: 'de', subject: 'Bitte bestätigen: Neuigkeiten zu dem Stadtteil Brambauer per E-Mail' });
    expect(confirmation.headers).toEqual({ 'List-Unsubscribe': expect.stringMatching(/^<https:\/\/portal\.stadt\.example\/api\/follow\/unsubscribe\?token=/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    const follow = await followOf('anwohnerin@example.org');
    expect(follow).toMatchObject({ targetKind: 'district', districtId: brambauer, measureId: null, confirmedAt: null, locale: 'de' });
    // Only a hash of the token is stored.
    const token = tokenOf(confirmLink(confirmation));
    expect(JSON.stringify(follow)).not.toContain(token);

    // Opening the link (GET) shows a question with a button and confirms nothing.
    const page = (await ConfirmFollowPage({ params: Promise.resolve({ locale: 'de' }), searchParams: Promise.resolve({ token }) })) as { props: Record<string, unknown> };
    expect(page.props.question).toMatchObject({ text: 'confirmQuestion', token });
    expect((await followOf('anwohnerin@example.org')).confirmedAt).toBeNull();

    expect(await redirectOf(() => confirmFollowAction(form({ token, locale: 'de' })))).toBe(`/follow/confirm?token=${token}`);
    expect((await followOf('anwohnerin@example.org')).confirmedAt).toBeInstanceOf(Date);
    const after = (await ConfirmFollowPage({ params: Promise.resolve({ locale: 'de' }), searchParams: Promise.resolve({ token }) })) as { props: Record<string, unknown> };
    expect(after.props).toMatchObject({ outcome: { text: 'confirmed', success: true } });
    expect(after.props.question).toBeUndefined();
  });

  it('sends nothing to an unconfirmed follower; after confirming, a published dialogue reaches them in their language', async () => {
    await followRequest({ target: 'district', targetId: brambauer, email: 'waiting@example.org' });
    await followAndConfirm('district', brambauer, 'resident@example.org', 'en');
    await followAndConfirm('district', horstmar, 'elsewhere@example.org');
    const dialogue = await publishedDialogue(brambauer, 'Dialog am Markt');

    expect((await messagesTo('waiting@example.org')).map((m) => m.kind)).toEqual(['follow_confirm']);
    const [notice] = (await messagesTo('resident@example.org')).filter((m) => m.kind === 'follow_dialogue');
    expect(notice).toMatchObject({ locale: 'en', subject: 'New safety dialogue in Brambauer: Dialog am Markt (en)', status: 'pending' });
    expect(notice.textBody).toContain(`${ORIGIN}/en/dialogues/${dialogue.id}`);
    expect(notice.textBody).toContain('You receive this email because you follow the district Brambauer.');
    expect(unsubscribeLink(notice)).toMatch(/^https:\/\/portal\.stadt\.example\/en\/follow\/unsubscribe\?token=/);
    expect(notice.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(oneClickOf(notice)).toBe(`${ORIGIN}/api/follow/unsubscribe?token=${tokenOf(unsubscribeLink(notice))}`);

    // Followers of another district hear nothing; publishing the dialogue again is no news.
    expect((await messagesTo('elsewhere@example.org')).map((m) => m.kind)).toEqual(['follow_confirm']);
    const hidden = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'unpublish', { version: dialogue.version }));
    const draft = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'submit', { version: hidden.version }));
    value(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: draft.version }));
    expect((await messagesTo('resident@example.org')).filter((m) => m.kind === 'follow_dialogue')).toHaveLength(1);
  });

  it('tells followers of a measure and of its district about a progress update and a status change, one e-mail per address', async () => {
    const measure = await publishedMeasure(brambauer, 'Mehr Licht am Markt');
    await followAndConfirm('measure', measure.id, 'measure-fan@example.org');
    await followAndConfirm('district', brambauer, 'district-fan@example.org', 'tr');
    await followAndConfirm('measure', measure.id, 'both@example.org');
    await followAndConfirm('district', brambauer, 'both@example.org');
    await followRequest({ target: 'measure', targetId: measure.id, email: 'unconfirmed@example.org' });

    value(await addMeasureUpdate(database.db, actor, measure.id, { version: measure.version, text: { de: 'Die Leuchten sind bestellt.' }, statusTo: 'in_progress' }));

    const notices = (await database.db.select().from(outbox).where(eq(outbox.kind, 'follow_measure'))).sort((a, b) => a.to.localeCompare(b.to));
    expect(notices.map((m) => m.to)).toEqual(['both@example.org', 'district-fan@example.org', 'measure-fan@example.org']);
    const [both, districtFan, measureFan] = notices;
    expect(measureFan.subject).toBe('Neuigkeiten zur Maßnahme „Mehr Licht am Markt“');
    expect(measureFan.textBody).toContain('Neuer Stand: In Arbeit');
    expect(measureFan.textBody).toContain('Die Leuchten sind bestellt.');
    expect(measureFan.textBody).toContain(`${ORIGIN}/measures#measure-${measure.id}`);
    expect(districtFan.locale).toBe('tr');
    expect(districtFan.textBody).toContain('Bu e-postayı Brambauer semtini takip ettiğiniz için alıyorsunuz.');
    // Someone following both gets one message, with the narrower follow's unsubscribe link.
    const measureFollow = (await database.db.select().from(follows).where(and(eq(follows.email, 'both@example.org'), eq(follows.targetKind, 'measure'))))[0];
    expect(both.followId).toBe(measureFollow.id);
    for (const notice of notices) expect(notice.headers?.['List-Unsubscribe']).toMatch(/^<https:\/\/portal\.stadt\.example\/api\/follow\/unsubscribe\?token=\d+\.[\w-]{43}>$/);
    expect(await messagesTo('unconfirmed@example.org')).toHaveLength(1);
  });

  it('delivers the List-Unsubscribe headers by SMTP', async () => {
    const inbox = await startSmtpServer();
    const sender = createSmtpSender({ host: '127.0.0.1', port: inbox.port, secure: false, from: 'portal@stadt.example' });
    try {
      await followRequest({ target: 'district', targetId: brambauer, email: 'smtp@example.org' });
      expect(await processOutbox(database.db, { sender })).toMatchObject({ sent: 1 });
      const [mail] = inbox.received;
      const [queued] = await messagesTo('smtp@example.org');
      const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r\n\s+/g, ' ');
      expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${oneClickOf(queued)}>`);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(mail.text).toContain(confirmLink(queued));
    } finally {
      sender.close();
      await new Promise<void>((resolve) => inbox.server.close(() => resolve()));
    }
  });

  it('unsubscribes with one click (RFC 8058): deletes the follow, its address and its waiting e-mail', async () => {
    await followAndConfirm('district', brambauer, 'leaving@example.org');
    await followAndConfirm('district', horstmar, 'leaving@example.org');
    await publishedDialogue(brambauer, 'Noch ein Dialog');
    const [notice] = (await messagesTo('leaving@example.org')).filter((m) => m.kind === 'follow_dialogue');

    const post = () =>
      oneClickUnsubscribe(
        new Request(oneClickOf(notice), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }),
      );
    const response = await post();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'unsubscribed' });
    const left = await database.db.select().from(follows).where(eq(follows.email, 'leaving@example.org'));
    // Only the follow of the other district remains; every message of the deleted one is gone.
    expect(left.map((f) => f.districtId)).toEqual([horstmar]);
    expect((await messagesTo('leaving@example.org')).every((m) => m.followId === left[0].id)).toBe(true);

    const again = await post();
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('unsubscribes from the link in the text through a page with a button', async () => {
    const confirmation = await followAndConfirm('district', brambauer, 'page@example.org');
    const token = tokenOf(unsubscribeLink(confirmation));
    const page = (await UnsubscribePage({ params: Promise.resolve({ locale: 'de' }), searchParams: Promise.resolve({ token }) })) as { props: Record<string, unknown> };
    expect(page.props.question).toMatchObject({ text: 'unsubscribeQuestion', token });
    expect(await followOf('page@example.org')).toBeDefined();

    expect(await redirectOf(() => unsubscribeAction(form({ token, locale: 'de' })))).toBe('/follow/unsubscribe?done=1');
    expect(await followOf('page@example.org')).toBeUndefined();
    expect(await messagesTo('page@example.org')).toEqual([]);
    const after = (await UnsubscribePage({ params: Promise.resolve({ locale: 'de' }), searchParams: Promise.resolve({ token }) })) as { props: Record<string, unknown> };
    expect(after.props).toMatchObject({ outcome: { text: 'unsubscribeInvalid', success: false } });
  });

  it('refuses invalid and expired tokens clearly and changes nothing', async () => {
    const now = new Date();
    await followRequest({ target: 'district', targetId: brambauer, email: 'late@example.org' });
    const [confirmation] = await messagesTo('late@example.org');
    const token = tokenOf(confirmLink(confirmation));
    const before = await followOf('late@example.org');

    expect(await confirmFollow(database.db, 'not-a-token')).toBe('invalid');
    expect(await confirmFollow(database.db, 'A'.repeat(43))).toBe('invalid');
    expect(await confirmFollow(database.db, token, new Date(now.getTime() + 49 * HOUR))).toBe('expired');
    const page = (await ConfirmFollowPage({ params: Promise.resolve({ locale: 'de' }), searchParams: Promise.resolve({ token: 'A'.repeat(43) }) })) as { props: Record<string, unknown> };
    expect(page.props).toMatchObject({ outcome: { text: 'confirmInvalid', success: false } });

    // An unsubscribe token with the right id but a forged signature, or of another shape.
    const forged = `${before.id}.${'B'.repeat(43)}`;
    expect(await unsubscribeFollow(database.db, forged)).toBe(false);
    expect(await unsubscribeFollow(database.db, `${before.id}`)).toBe(false);
    const response = await oneClickUnsubscribe(new Request(`${ORIGIN}/api/follow/unsubscribe?token=${forged}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    expect(response.status).toBe(404);
    expect(await followOf('late@example.org')).toEqual(before);
  });

  it('answers the same whether or not an address already follows, and sends at most a few confirmations to one address', async () => {
    await followAndConfirm('district', brambauer, 'known@example.org');
    const answers: FollowFormState[] = [];
    answers.push(await followRequest({ target: 'district', targetId: brambauer, email: 'known@example.org' }));
    answers.push(await followRequest({ target: 'district', targetId: brambauer, email: 'new@example.org' }));
    expect(answers).toEqual([{ status: 'sent' }, { status: 'sent' }]);
    // The confirmed follower gets no second confirmation and stays confirmed.
    expect((await messagesTo('known@example.org')).map((m) => m.kind)).toEqual(['follow_confirm']);
    expect((await followOf('known@example.org')).confirmedAt).toBeInstanceOf(Date);

    // Asking again for an unconfirmed address sends the same link again, up to the limit per
    // address: whichever e-mail the resident opens, its link works.
    for (let i = 1; i < CONFIRMATIONS_PER_ADDRESS_PER_HOUR + 2; i++) {
      expect(await followRequest({ target: 'district', targetId: brambauer, email: 'new@example.org' })).toEqual({ status: 'sent' });
    }
    const confirmations = await messagesTo('new@example.org');
    expect(confirmations).toHaveLength(CONFIRMATIONS_PER_ADDRESS_PER_HOUR);
    expect(new Set(confirmations.map((m) => confirmLink(m))).size).toBe(1);
    expect(await confirmFollow(database.db, tokenOf(confirmLink(confirmations[0])))).toBe('confirmed');
  });

  it('sends a new link once the first expired, and says until when a link works and why it came', async () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const ask = (at: Date) => requestFollow(database.db, { target: 'district', targetId: brambauer, email: 'spaet@example.org', locale: 'de' }, at);
    expect(await ask(now)).toEqual({ ok: true });
    const [first] = await messagesTo('spaet@example.org');
    // 48 hours, in Lünen's time; and not "because you follow": nothing is confirmed yet.
    expect(first.textBody).toContain('(er gilt bis 29. November 2026 um 10:00):');
    expect(first.textBody).toContain('weil jemand mit Ihrer Adresse dem Stadtteil Brambauer folgen möchte');
    expect(first.textBody).not.toContain('weil Sie');
    expect(await ask(new Date(now.getTime() + 49 * HOUR))).toEqual({ ok: true });
    const [, second] = await messagesTo('spaet@example.org');
    expect(confirmLink(second)).not.toBe(confirmLink(first));
    expect(await confirmFollow(database.db, tokenOf(confirmLink(first)), new Date(now.getTime() + 50 * HOUR))).toBe('invalid');
    expect(await confirmFollow(database.db, tokenOf(confirmLink(second)), new Date(now.getTime() + 50 * HOUR))).toBe('confirmed');
  });

  it('validates the form, refuses what cannot be followed, ignores bots and limits each client', async () => {
    // The answer carries the form as sent, for the field to show it again.
    expect(await followRequest({ target: 'district', targetId: brambauer, email: 'not an address' })).toMatchObject({ status: 'invalid', fields: ['email'], values: { email: 'not an address' } });
    expect(await followRequest({ target: 'street', targetId: brambauer, email: 'a@example.org' })).toMatchObject({ status: 'invalid', fields: ['target'] });
    expect(await followRequest({ target: 'district', targetId: 999_999, email: 'a@example.org' })).toMatchObject({ status: 'unknown_target' });
    // A measure that is not published cannot be followed.
    const draft = value(await createMeasure(database.db, actor, { title: { de: 'Entwurf' }, responsible: 'city', districtId: String(brambauer) }));
    expect(await followRequest({ target: 'measure', targetId: draft.id, email: 'a@example.org' })).toMatchObject({ status: 'unknown_target' });
    expect(await followRequest({ target: 'district', targetId: brambauer, email: 'bot@example.org', website: 'https://spam.example' })).toEqual({ status: 'sent' });
    expect(await database.db.select().from(follows)).toEqual([]);

    await database.db.delete(rateLimits);
    for (let i = 0; i < FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR; i++) {
      expect(await followRequest({ target: 'district', targetId: brambauer, email: `person${i}@example.org` })).toEqual({ status: 'sent' });
    }
    expect(await followRequest({ target: 'district', targetId: brambauer, email: 'one-more@example.org' })).toMatchObject({ status: 'limited' });
    expect(await followOf('one-more@example.org')).toBeUndefined();
  });

  it('deletes unconfirmed follows and their e-mail after 48 hours in the retention job, keeps confirmed ones', async () => {
    const now = new Date();
    await followRequest({ target: 'district', targetId: brambauer, email: 'forgot@example.org' });
    await followAndConfirm('district', brambauer, 'kept@example.org');

    expect(await runRetention(database.db, new Date(now.getTime() + 47 * HOUR))).toMatchObject({ unconfirmedFollowsDeleted: 0 });
    expect(await followOf('forgot@example.org')).toBeDefined();
    expect(await countFollows(database.db)).toEqual({ confirmed: 1, unconfirmed: 1 });
    expect(await runRetention(database.db, new Date(now.getTime() + 49 * HOUR))).toMatchObject({ unconfirmedFollowsDeleted: 1 });
    expect(await followOf('forgot@example.org')).toBeUndefined();
    expect(await messagesTo('forgot@example.org')).toEqual([]);
    expect(await followOf('kept@example.org')).toBeDefined();
    expect(await countFollows(database.db)).toEqual({ confirmed: 1, unconfirmed: 0 });
  });
});
