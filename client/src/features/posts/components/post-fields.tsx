import { POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH } from '#shared/posts';
import { Field, TextAreaField } from '@/components/ui/field.tsx';
import type { PostDraft } from './use-post-form.ts';

export interface PostFieldsProps {
  values: PostDraft;
  errors: { title: string[]; body: string[] };
  onChange: (field: keyof PostDraft, value: string) => void;
}

/** The title and body inputs, shared by the new-post and edit forms. */
export function PostFields({ values, errors, onChange }: PostFieldsProps) {
  return (
    <>
      <Field
        label="Title"
        name="title"
        autoComplete="off"
        value={values.title}
        onChange={(event) => onChange('title', event.target.value)}
        errors={errors.title}
        hint={`Up to ${POST_TITLE_MAX_LENGTH} characters.`}
      />
      <TextAreaField
        label="Body"
        name="body"
        value={values.body}
        onChange={(event) => onChange('body', event.target.value)}
        errors={errors.body}
        hint={`Optional, up to ${POST_BODY_MAX_LENGTH.toLocaleString('en')} characters.`}
      />
    </>
  );
}
