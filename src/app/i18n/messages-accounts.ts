// UI strings of account management (administrators).
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const accountMessages = {
  accountsOpen: { 'zh-Hans': '账户管理', 'zh-Hant': '帳戶管理', en: 'Accounts' },
  accountsTitle: { 'zh-Hans': '账户管理', 'zh-Hant': '帳戶管理', en: 'Accounts' },
  accountsHint: { 'zh-Hans': '更改角色、区或密码，或停用账户后，该用户需重新登录。', 'zh-Hant': '更改角色、區或密碼，或停用帳戶後，該用戶需重新登入。', en: 'After a change of role, district or password, or a disable, the user must log in again.' },
  userRole: { 'zh-Hans': '角色', 'zh-Hant': '角色', en: 'Role' },
  userDistrict: { 'zh-Hans': '所属区', 'zh-Hant': '所屬區', en: 'District' },
  userDisabled: { 'zh-Hans': '已停用', 'zh-Hant': '已停用', en: 'Disabled' },
  userNewPassword: { 'zh-Hans': '新密码（至少 12 位，不能是常见密码）', 'zh-Hant': '新密碼（至少 12 位，不能是常見密碼）', en: 'New password (12+ characters, not a common one)' },
  userSave: { 'zh-Hans': '保存', 'zh-Hant': '儲存', en: 'Save' },
  userSaved: { 'zh-Hans': '已保存 {name}。', 'zh-Hant': '已儲存 {name}。', en: 'Saved {name}.' },
  userCreate: { 'zh-Hans': '新建账户', 'zh-Hant': '新建帳戶', en: 'New account' },
  userCreateButton: { 'zh-Hans': '创建', 'zh-Hant': '建立', en: 'Create' },
  userCreated: { 'zh-Hans': '已创建 {name}。', 'zh-Hant': '已建立 {name}。', en: 'Created {name}.' },
  userNameHint: { 'zh-Hans': '用户名：3–40 位字母、数字或 . _ -', 'zh-Hant': '用戶名：3–40 位字母、數字或 . _ -', en: 'Username: 3–40 letters, digits or . _ -' },
  usersLoading: { 'zh-Hans': '正在加载账户…', 'zh-Hant': '正在載入帳戶…', en: 'Loading the accounts…' },
} satisfies Record<string, Strings>;
