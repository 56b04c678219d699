import { POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH } from '#shared/posts';
import { Field, TextAreaField } from '@/components/ui/field.tsx';
import type { Form } from '@/lib/use-form.ts';

export interface PostDraft {
  title: string;
  body: string;
}

/** The title and body inputs, shared by the new-post and edit forms. */
export function PostFields({ form }: { form: Pick<Form<PostDraft>, 'field'> }) {
  return (
    <>
      <Field label="Title" autoComplete="off" {...form.field('title')} hint={`Up to ${POST_TITLE_MAX_LENGTH} characters.`} />
      <TextAreaField label="Body" {...form.field('body')} hint={`Optional, up to ${POST_BODY_MAX_LENGTH.toLocaleString('en')} characters.`} />
    </>
  );
}
