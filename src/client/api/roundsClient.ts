import { z } from "zod";
import { agreementReportSchema } from "../../shared/agreement";
import { actorSchema } from "../../shared/authApi";
import { commentSchema, discussedPairSchema, type CommentEdit, type CommentInput } from "../../shared/comments";
import { decisionSchema } from "../../shared/domain";
import { leaseSchema, roundProgressSchema, roundSchema, slotVotesSchema, voteSchema, type RoundCreate, type VoteInput } from "../../shared/rounds";
import { requestJson } from "./client";

/* Review rounds (issue 11): every answer parsed with the shared schemas, like client.ts. */

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const p = (id: string) => encodeURIComponent(id);

const slotSchema = z.object({ roundId: z.number(), pairId: z.string(), state: z.string(), needed: z.number(), votes: z.array(voteSchema) });
export type AdjudicationSlot = z.infer<typeof slotSchema>;

export const fetchRounds = async (reviewer?: string) =>
  (await requestJson(`/api/rounds${reviewer ? `?reviewer=${p(reviewer)}` : ""}`, z.object({ rounds: z.array(roundSchema) }))).rounds;

export const createRound = (input: Partial<RoundCreate> & Pick<RoundCreate, "split" | "overlap" | "reviewers">) =>
  requestJson("/api/rounds", z.object({ round: roundSchema, skipped: z.number() }), json("POST", input));

/** Team mode: the users a lead may put in a round's pool (`GET /api/users`, leads and admins). */
export const fetchUsers = async () => (await requestJson("/api/users", z.object({ users: z.array(actorSchema) }))).users;

export const patchRound = (id: number, patch: { blind?: boolean; closed?: boolean }) =>
  requestJson(`/api/rounds/${id}`, z.object({ round: roundSchema }), json("PATCH", patch));

export const fetchProgress = (id: number) => requestJson(`/api/rounds/${id}/progress`, roundProgressSchema);

export const fetchAgreement = (id: number) => requestJson(`/api/rounds/${id}/agreement`, z.object({ round: roundSchema, agreement: agreementReportSchema }));

export const fetchAdjudication = (id: number) => requestJson(`/api/rounds/${id}/adjudication`, z.object({ round: roundSchema, pairs: z.array(slotSchema) }));

export const nextPair = async (reviewer: string | null, roundId?: number) =>
  (
    await requestJson(
      "/api/rounds/next",
      z.object({ lease: leaseSchema.nullable() }),
      json("POST", { ...(reviewer ? { reviewer } : {}), ...(roundId ? { roundId } : {}) }),
    )
  ).lease;

export const renewLease = (roundId: number, pairId: string, reviewer: string | null) =>
  requestJson(`/api/rounds/${roundId}/pairs/${p(pairId)}/lease`, z.object({ lease: leaseSchema }), json("POST", reviewer ? { reviewer } : {}));

export const fetchSlotVotes = (roundId: number, pairId: string, reviewer: string | null) =>
  requestJson(`/api/rounds/${roundId}/pairs/${p(pairId)}/votes${reviewer ? `?reviewer=${p(reviewer)}` : ""}`, slotVotesSchema);

export const putVote = (roundId: number, pairId: string, input: VoteInput) =>
  requestJson(
    `/api/rounds/${roundId}/pairs/${p(pairId)}/vote`,
    z.object({ vote: voteSchema, state: z.string(), decision: decisionSchema.nullable() }),
    json("PUT", input),
  );

export const resolvePair = (roundId: number, pairId: string, input: VoteInput) =>
  requestJson(`/api/rounds/${roundId}/pairs/${p(pairId)}/resolve`, z.object({ decision: decisionSchema }), json("PUT", input));

// Comments (issue 11)
const commentResponse = z.object({ comment: commentSchema });
export const commentKeys = { thread: (pairId: string) => ["comments", "thread", pairId] as const, all: ["comments"] as const };

export const fetchComments = async (pairId: string) => (await requestJson(`/api/comments/pairs/${p(pairId)}`, z.object({ comments: z.array(commentSchema) }))).comments;

export const postComment = async (pairId: string, input: CommentInput) => (await requestJson(`/api/comments/pairs/${p(pairId)}`, commentResponse, json("POST", input))).comment;

export const editComment = async (id: number, input: CommentEdit) => (await requestJson(`/api/comments/${id}`, commentResponse, json("PATCH", input))).comment;

export const fetchDiscussed = async (split: string, mentionsMe: string | null | false) =>
  (
    await requestJson(
      `/api/comments?split=${p(split)}${mentionsMe === false ? "" : `&mentions=me${mentionsMe ? `&me=${p(mentionsMe)}` : ""}`}`,
      z.object({ pairs: z.array(discussedPairSchema) }),
    )
  ).pairs;
