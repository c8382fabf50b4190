-- Year-end classification (issue 16), part one: the branch's review meeting (hội nghị kiểm điểm,
-- đánh giá, xếp loại) is a meeting of its own kind. Alone in its migration because a value added
-- to an enum cannot be used by the transaction that adds it.
ALTER TYPE "MeetingKind" ADD VALUE 'REVIEW';
