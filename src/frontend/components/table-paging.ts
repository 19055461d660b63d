import { useState } from 'react';

/** Rows on one page of the users and activity tables; the resolvers answer 25 at a time too. */
export const ROWS_PER_PAGE = 25;

/** The page a DynamicTable shows: a fresh load starts at page 1, "Load more" moves to the page its rows start. */
export function useTablePage() {
  const [page, setPage] = useState(1);
  return {
    page,
    setPage,
    showLoaded: (rowsBefore: number) => setPage(Math.floor(rowsBefore / ROWS_PER_PAGE) + 1),
  };
}
