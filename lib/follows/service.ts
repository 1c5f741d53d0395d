import { createHmac } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { districts, follows, measures, type Dialogue, type Follow, type FollowMessageKind, type Measure, type MeasureUpdate } from '@/lib/db/schema';
import { insertOutboxMessage } from '@/lib/email/outbox';
import { serverSecret } from '@/lib/env';
import { hitRateLimit } from '@/lib/http/rate-limit';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/routing';
import { CONFIRM_TTL_HOURS, CONFIRMATIONS_PER_ADDRESS_PER_HOUR } from './limits';
import {
  composeConfirmation,
  composeDialogueNotice,
  composeMeasureNotice,
  type FollowMessage,
  type FollowTarget,
  type MeasureEvent,
} from './messages';
import { confirmToken, followIdOfUnsubscribeToken, hashToken, isConfirmToken, matchesUnsubscribeToken } from './tokens';
import type { FollowRequest } from './validation';

/*
 * Following a district or a measure by e-mail (issue 5, "Follow"). Double opt-in: a request
 * stores the address unconfirmed and queues a confirmation e-mail; only a confirmed follow gets
 * messages, and an unconfirmed one is deleted after CONFIRM_TTL_HOURS. Unsubscribing deletes the
 * row, and with it every message to it still in the outbox. The address is used for nothing else.
 *
 * Messages go through the outbox in the transaction of what they report (publishing a dialogue,
 * a measure update), so a rolled-back change sends nothing.
 */

const HOUR_MS = 60 * 60 * 1000;

const followerLocale = (follow: Pick<Follow, 'locale'>): Locale => (isLocale(follow.locale) ? follow.locale : defaultLocale);

type DistrictTarget = Extract<FollowTarget, { kind: 'district' }>;

async function districtTarget(db: Db, id: number): Promise<DistrictTarget | null> {
  const [row] = await db.select({ id: districts.id, name: districts.name, slug: districts.slug }).from(districts).where(eq(districts.id, id));
  return row ? { kind: 'district', ...row } : null;
}

async function measureTarget(db: Db, id: number, options: { publicOnly: boolean }): Promise<FollowTarget | null> {
  const [row] = await db
    .select({ id: measures.id, title: measures.title })
    .from(measures)
    .where(and(eq(measures.id, id), options.publicOnly ? isNotNull(measures.publishedAt) : undefined));
  return row ? { kind: 'measure', ...row } : null;
}

/** What a resident may start following: a district, or a measure that is public (never a draft). */
export async function getFollowTarget(db: Db, kind: FollowTarget['kind'], id: number): Promise<FollowTarget | null> {
  return kind === 'district' ? districtTarget(db, id) : measureTarget(db, id, { publicOnly: true });
}

/** What an existing follow is about, even a measure hidden since: its links must keep working. */
async function targetOf(db: Db, follow: Follow): Promise<FollowTarget | null> {
  return follow.targetKind === 'district' ? districtTarget(db, follow.districtId!) : measureTarget(db, follow.measureId!, { publicOnly: false });
}

async function enqueue(tx: Db, follow: Follow, kind: FollowMessageKind, message: FollowMessage, now: Date) {
  await insertOutboxMessage(
    tx,
    { to: follow.email, locale: followerLocale(follow), subject: message.subject, textBody: message.text, headers: message.headers, kind, followId: follow.id },
    now,
  );
}

export type FollowRequestResult = { ok: true } | { ok: false; error: 'unknown_target' };

/**
 * A resident asks to follow something. The answer is the same whether the address is new,
 * waiting for confirmation or already following (no one learns who follows what): a new or
 * unconfirmed follow gets a (new) confirmation e-mail, a confirmed one nothing. At most
 * CONFIRMATIONS_PER_ADDRESS_PER_HOUR confirmation e-mails go to one address.
 */
export async function requestFollow(db: Db, request: FollowRequest, now = new Date()): Promise<FollowRequestResult> {
  return db.transaction(async (tx) => {
    const target = await getFollowTarget(tx, request.target, request.targetId);
    if (!target) return { ok: false as const, error: 'unknown_target' as const };
    const addressKey = createHmac('sha256', serverSecret()).update(`follow-address:${request.email}`).digest('base64url').slice(0, 32);
    const limit = await hitRateLimit(tx, `follow:address:${addressKey}`, CONFIRMATIONS_PER_ADDRESS_PER_HOUR, { now });
    if (!limit.ok) return { ok: true as const };

    const targetColumn = target.kind === 'district' ? follows.districtId : follows.measureId;
    const [existing] = await tx
      .select()
      .from(follows)
      .where(and(eq(targetColumn, target.id), eq(follows.email, request.email)))
      .for('update');
    if (existing?.confirmedAt) return { ok: true as const };
    // A request still open is sent its link again, so that the first e-mail's link keeps working
    // (unless it was issued before links were derived, or under another AUTH_SECRET).
    const open = existing?.confirmExpiresAt && existing.confirmExpiresAt > now ? { id: existing.id, confirmExpiresAt: existing.confirmExpiresAt } : null;
    const reusable = open && existing.confirmTokenHash === confirmToken(open).hash;
    const confirmExpiresAt = reusable ? open.confirmExpiresAt : new Date(now.getTime() + CONFIRM_TTL_HOURS * HOUR_MS);
    const [follow] = existing
      ? await tx.update(follows).set({ confirmExpiresAt, locale: request.locale }).where(eq(follows.id, existing.id)).returning()
      : await tx
          .insert(follows)
          .values({
            targetKind: target.kind,
            districtId: target.kind === 'district' ? target.id : null,
            measureId: target.kind === 'measure' ? target.id : null,
            email: request.email,
            locale: request.locale,
            confirmExpiresAt,
            createdAt: now,
          })
          // Two requests at the same moment: the other one sends the confirmation.
          .onConflictDoNothing()
          .returning();
    if (!follow) return { ok: true as const };
    const { token, hash } = confirmToken({ id: follow.id, confirmExpiresAt });
    await tx.update(follows).set({ confirmTokenHash: hash }).where(eq(follows.id, follow.id));
    await enqueue(tx, follow, 'follow_confirm', composeConfirmation({ ...follow, locale: followerLocale(follow) }, target, { token, expiresAt: confirmExpiresAt }), now);
    return { ok: true as const };
  });
}

export type TokenLookup = { follow: Follow; target: FollowTarget } | null;

/** The follow a confirmation link names, with its target, for the page that asks to confirm. */
export async function findFollowByConfirmToken(db: Db, token: unknown): Promise<TokenLookup> {
  if (!isConfirmToken(token)) return null;
  const [follow] = await db.select().from(follows).where(eq(follows.confirmTokenHash, hashToken(token)));
  const target = follow ? await targetOf(db, follow) : null;
  return follow && target ? { follow, target } : null;
}

/** The follow an unsubscribe link names, with its target, for the page that asks to unsubscribe. */
export async function findFollowByUnsubscribeToken(db: Db, token: unknown): Promise<TokenLookup> {
  const id = followIdOfUnsubscribeToken(token);
  if (id === null) return null;
  const [follow] = await db.select().from(follows).where(eq(follows.id, id));
  if (!follow || !matchesUnsubscribeToken(follow, token as string)) return null;
  const target = await targetOf(db, follow);
  return target ? { follow, target } : null;
}

export type ConfirmResult = 'confirmed' | 'already_confirmed' | 'expired' | 'invalid';

/** Confirms a follow (the second step of the double opt-in); an invalid or expired link changes nothing. */
export async function confirmFollow(db: Db, token: unknown, now = new Date()): Promise<ConfirmResult> {
  if (!isConfirmToken(token)) return 'invalid';
  return db.transaction(async (tx) => {
    const [follow] = await tx.select().from(follows).where(eq(follows.confirmTokenHash, hashToken(token))).for('update');
    if (!follow) return 'invalid';
    if (follow.confirmedAt) return 'already_confirmed';
    if (!follow.confirmExpiresAt || follow.confirmExpiresAt <= now) return 'expired';
    await tx.update(follows).set({ confirmedAt: now, confirmExpiresAt: null }).where(eq(follows.id, follow.id));
    return 'confirmed';
  });
}

/**
 * Unsubscribes: deletes the follow, its address and (by cascade) every message to it in the
 * outbox. Returns false for a token that names no follow (already unsubscribed, or forged).
 */
export async function unsubscribeFollow(db: Db, token: unknown): Promise<boolean> {
  const id = followIdOfUnsubscribeToken(token);
  if (id === null) return false;
  return db.transaction(async (tx) => {
    const [follow] = await tx.select().from(follows).where(eq(follows.id, id)).for('update');
    if (!follow || !matchesUnsubscribeToken(follow, token as string)) return false;
    await tx.delete(follows).where(eq(follows.id, id));
    return true;
  });
}

/** Deletes follows that were not confirmed in time (data minimisation); returns how many. */
export async function purgeUnconfirmedFollows(db: Db, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(follows)
    .where(and(isNull(follows.confirmedAt), lte(follows.confirmExpiresAt, now)))
    .returning({ id: follows.id });
  return deleted.length;
}

/**
 * Confirmed followers of a district and/or a measure, one per address: someone who follows both
 * gets one message, with the measure's unsubscribe link (the narrower follow).
 */
async function confirmedFollowers(tx: Db, where: { districtId?: number | null; measureId?: number }): Promise<Follow[]> {
  const conditions = [
    ...(where.districtId != null ? [eq(follows.districtId, where.districtId)] : []),
    ...(where.measureId !== undefined ? [eq(follows.measureId, where.measureId)] : []),
  ];
  if (conditions.length === 0) return [];
  const rows = await tx
    .select()
    .from(follows)
    .where(and(isNotNull(follows.confirmedAt), or(...conditions)))
    .orderBy(desc(follows.targetKind), follows.id);
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.email) && seen.add(row.email));
}

/** A dialogue was published for the first time: every follower of its district hears of it. */
export async function notifyDialoguePublished(tx: Db, dialogue: Dialogue, now: Date): Promise<number> {
  const followers = await confirmedFollowers(tx, { districtId: dialogue.districtId });
  if (followers.length === 0) return 0;
  const target = await districtTarget(tx, dialogue.districtId);
  if (!target) return 0;
  for (const follow of followers) {
    const follower = { ...follow, locale: followerLocale(follow) };
    const message = composeDialogueNotice(follower, target, { id: dialogue.id, title: dialogue.title, heldOn: dialogue.heldOn, districtName: target.name });
    await enqueue(tx, follow, 'follow_dialogue', message, now);
  }
  return followers.length;
}

/**
 * A public measure got a progress update (perhaps with a new status), or was published: its own
 * followers and those of its district hear of it. Does nothing for a measure that is not public.
 */
export async function notifyMeasureChanged(tx: Db, measure: Measure, event: { update: MeasureUpdate } | { published: true }, now: Date): Promise<number> {
  if (!measure.publishedAt) return 0;
  const followers = await confirmedFollowers(tx, { districtId: measure.districtId, measureId: measure.id });
  if (followers.length === 0) return 0;
  const district = measure.districtId === null ? null : await districtTarget(tx, measure.districtId);
  const measureTarget: FollowTarget = { kind: 'measure', id: measure.id, title: measure.title };
  const measureEvent: MeasureEvent =
    'update' in event
      ? { kind: 'update', text: event.update.text, statusTo: event.update.statusTo, at: event.update.createdAt }
      : { kind: 'published', districtName: district?.name ?? null };
  for (const follow of followers) {
    const target = follow.targetKind === 'measure' || !district ? measureTarget : district;
    const message = composeMeasureNotice({ ...follow, locale: followerLocale(follow) }, target, measure, measureEvent);
    await enqueue(tx, follow, 'follow_measure', message, now);
  }
  return followers.length;
}

/** How many follows are confirmed and how many wait for confirmation, for admins: never an address. */
export async function countFollows(db: Db): Promise<{ confirmed: number; unconfirmed: number }> {
  const [row] = await db
    .select({
      confirmed: sql<number>`count(*) filter (where ${follows.confirmedAt} is not null)::int`,
      unconfirmed: sql<number>`count(*) filter (where ${follows.confirmedAt} is null)::int`,
    })
    .from(follows);
  return row;
}
