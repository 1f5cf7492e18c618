import { Inject, Injectable } from '@nestjs/common';
import { auditV1, type ParsedRequestOf, type ReplyOf } from '@ido/internal-api';
import { ChainRepository } from './chain.repository';
import { type ChainHead, emptyChain, firstBreak } from './hash-chain';

type VerifyReply = ReplyOf<typeof auditV1.chainVerify>;

@Injectable()
export class ChainService {
  constructor(@Inject(ChainRepository) private readonly chain: ChainRepository) {}

  /**
   * Recomputes every hash in the range and checks each link to the one before.
   * A range that reaches the head must end at it: records deleted at the end are missing.
   * An archived record counts as present with the hash recorded when it was archived.
   */
  async verify(tenant: string, { fromSeq, limit }: ParsedRequestOf<typeof auditV1.chainVerify>): Promise<VerifyReply> {
    const { links, headSeq } = await this.chain.range(tenant, fromSeq, limit);
    const anchor = fromSeq === 1 ? undefined : links[0]?.seq === fromSeq - 1 ? links.shift() : undefined;
    const report = (found: VerifyReply['firstBreak']): VerifyReply => ({
      intact: found === null,
      checked: links.length,
      fromSeq,
      toSeq: links.length ? (links[links.length - 1]?.seq ?? null) : null,
      headSeq,
      firstBreak: found,
    });
    if (fromSeq > 1 && !anchor && fromSeq - 1 <= headSeq) return report({ seq: fromSeq - 1, id: null, reason: 'missing' });
    const previous: ChainHead = anchor ? { seq: anchor.seq, hash: anchor.hash } : emptyChain;
    const broken = fromSeq > headSeq ? undefined : firstBreak(previous, links);
    if (broken) return report({ seq: broken.seq, id: 'id' in broken ? broken.id : null, reason: broken.reason });
    const lastChecked = links[links.length - 1]?.seq ?? fromSeq - 1;
    const reachesHead = fromSeq + limit - 1 >= headSeq;
    if (reachesHead && lastChecked < headSeq) return report({ seq: lastChecked + 1, id: null, reason: 'missing' });
    return report(null);
  }
}
