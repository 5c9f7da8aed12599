// Ledgers shared by the e2e tests (not a test file: node --test runs only *.test.mjs).

/** The local date `days` from today as YYYY-MM-DD. */
export function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A deterministic 60-case ledger like a county's: long and short summaries, three-character
 * names, every status, some cases overdue (a few still 排查登记 with a limit set by hand). */
export function ledger60() {
  let seed = 15;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
  const surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗于任";
  const given = ["建国", "秀英", "桂兰", "志强", "海燕", "德明", "玉梅", "长生", "春花", "永福"];
  const units = ["县自然资源局", "县住房和城乡建设局", "县人力资源和社会保障局", "城关镇人民政府", "县农业农村局", "县教育体育局"];
  const leads = ["王副县长", "李副县长", "张常务副县长", "刘县委常委"];
  const topics = [
    "要求提高征地补偿标准", "反映村集体土地被征用后补偿款未足额发放，要求按现行标准补齐",
    "反映房屋拆迁安置房迟迟未交付，全家长期租房居住，生活困难，要求尽快安置并补发过渡费",
    "要求解决企业改制时的养老保险接续问题", "反映拖欠农民工工资", "反映小区物业管理混乱，公共收益去向不明，多次向街道反映未果",
    "要求办理房产证", "反映邻村采砂破坏耕地，要求依法查处并恢复原状",
  ];
  const statuses = ["排查登记", "已交办", "化解中", "化解中", "化解中", "办结待审", "已办结"];
  return {
    format: "jiean-ledger", version: 2, standard: "liuyou",
    campaign: { name: "2026年信访积案化解专项行动", deadline_rule: "交办之日起90日", targets: [] },
    cases: Array.from({ length: 60 }, (_, i) => {
      const status = statuses[rand(statuses.length)];
      const assigned = status === "排查登记" ? undefined : day(-30 - rand(150));
      const c = {
        id: `case-${i}`, number: `JA-2026-${String(i + 1).padStart(3, "0")}`, status,
        petitioner: { name: surnames[rand(surnames.length)] + given[rand(given.length)], contact: "", residence: "" },
        summary: topics[rand(topics.length)], lead: leads[rand(leads.length)], responsible_unit: units[rand(units.length)],
        assigned_on: assigned, progress: [{ date: day(-rand(20)), text: "约谈信访人，听取诉求" }],
      };
      if (status === "排查登记" && i % 3 === 0) c.deadline = day(-5 - rand(20));
      if (status === "已办结") Object.assign(c, { outcome: "已化解", resolution: "诉求合理解决到位", packet: { documents: [], closed_on: day(-rand(25)) } });
      if (status === "办结待审") c.packet = { documents: [], closed_on: day(-rand(25)) };
      return c;
    }),
  };
}

