-- Comments on a confidential document are stored sealed in their own columns (sealed:<key id>:<base64>, bound
-- to the thread, comment or wording): the length limits apply to the text as written, which the API checks.
ALTER TABLE comment_thread DROP CONSTRAINT comment_thread_quote_check;
ALTER TABLE comment_thread ADD CONSTRAINT comment_thread_quote_check CHECK (quote LIKE 'sealed:%' OR length(quote) <= 2000);
ALTER TABLE comment DROP CONSTRAINT comment_body_check;
ALTER TABLE comment ADD CONSTRAINT comment_body_check CHECK (body LIKE 'sealed:%' OR length(body) BETWEEN 1 AND 10000);
