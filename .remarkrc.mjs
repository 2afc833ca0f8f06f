// VS Code's remark extension (unifiedjs.vscode-remark, recommended in .vscode/extensions.json)
// reads this file and shows, in every project and guide, where the front matter breaks the JSON
// Schema that `kunskapsbank schema` writes to schemas/. `kunskapsbank check` stays the authority.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {
        'schemas/projekt.schema.json': ['content/projects/*.md'],
        'schemas/vagledning.schema.json': ['content/guides/*.md'],
      },
      // The plugin's Ajv knows draft-07 only and would refuse the 2020-12 meta-schema by name; every
      // keyword the schemas use means the same in draft-07 (generator/schema.py), so that check is skipped.
      ajvOptions: { validateSchema: false },
    }],
  ],
};
