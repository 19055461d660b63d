// SCIM user ids are not accountIds, and the directory API cannot filter by accountId: this remembers every
// pairing it sees and, when asked about an unknown one, pages through the directory's users until it turns up.

export interface ScimUserLink {
  scimId: string;
  accountId: string;
}

export interface ScimUserScanPage {
  links: ScimUserLink[];
  /** 1-based start index of the next page, if any. */
  nextStartIndex?: number;
}

export class ScimAccountIndex {
  private readonly scimIdByAccount = new Map<string, string>();
  private readonly accountByScimId = new Map<string, string>();

  constructor(private readonly listUsers: (startIndex: number) => Promise<ScimUserScanPage>) {}

  remember(link: ScimUserLink): void {
    this.scimIdByAccount.set(link.accountId, link.scimId);
    this.accountByScimId.set(link.scimId, link.accountId);
  }

  async scimIdOf(accountId: string): Promise<string | undefined> {
    await this.scanUntil(() => this.scimIdByAccount.has(accountId));
    return this.scimIdByAccount.get(accountId);
  }

  /** accountIds for these SCIM ids; ids no longer in the directory are left out. */
  async accountIdsOf(scimIds: string[]): Promise<Map<string, string>> {
    await this.scanUntil(() => scimIds.every((id) => this.accountByScimId.has(id)));
    const found = new Map<string, string>();
    for (const id of scimIds) {
      const accountId = this.accountByScimId.get(id);
      if (accountId !== undefined) found.set(id, accountId);
    }
    return found;
  }

  private async scanUntil(done: () => boolean): Promise<void> {
    let startIndex: number | undefined = 1;
    while (!done() && startIndex !== undefined) {
      const page: ScimUserScanPage = await this.listUsers(startIndex);
      page.links.forEach((link) => this.remember(link));
      startIndex = page.nextStartIndex;
    }
  }
}
