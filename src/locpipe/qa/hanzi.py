"""Simplified and Traditional Chinese told apart by characters only one of them writes. Pure.

A zh_TW or zh_Hant catalogue filled with Simplified text (or the reverse) is
the wrong script for its readers even though every character is Han. The
table pairs common characters whose Simplified form is never written in
Traditional text and the reverse (这/這, 个/個, 删/刪 …); characters both
write (台, 里, 后, 干, 面 …) are left out, so one telltale character is enough.
"""

from __future__ import annotations

_PAIRS = (
    "这這 们們 个個 来來 时時 为為 说說 国國 会會 对對 发發 进進 设設 页頁 无無 "
    "开開 关關 显顯 务務 点點 击擊 项項 档檔 据據 请請 认認 码碼 户戶 录錄 删刪 "
    "编編 辑輯 选選 择擇 览覽 载載 帮幫 错錯 误誤 级級 类類 组組 态態 键鍵 输輸 "
    "执執 标標 题題 数數 库庫 册冊 图圖 讯訊 应應 该該 还還 样樣 过過 实實 现現 "
    "从從 经經 转轉 换換 间間 问問 长長 际際 总總 结結 围圍 传傳 构構 节節 单單 "
    "双雙 区區 与與 专專 业業 东東 两兩 严嚴 举舉 义義 乐樂 书書 买買 亚亞 产產 "
    "亲親 仅僅 价價 众眾 优優 体體 储儲 内內 减減 则則 创創 别別 动動 劳勞 势勢 "
    "协協 卖賣 历歷 压壓 参參 变變 号號 吗嗎 听聽 启啟 员員 响響 圆圓 场場 坏壞 "
    "块塊 声聲 处處 备備 复復 头頭 学學 宝寶 审審 寻尋 导導 层層 属屬 币幣 师師 "
    "带帶 并並 广廣 废廢 异異 弃棄 张張 强強 归歸 当當 忆憶 怀懷 恶惡 惊驚 战戰 "
    "扩擴 扫掃 护護 报報 拥擁 挂掛 损損 断斷 旧舊 暂暫 术術 机機 杂雜 权權 条條 "
    "极極 栏欄 树樹 检檢 欢歡 残殘 毕畢 气氣 汉漢 没沒 测測 浏瀏 温溫 满滿 滚滾 "
    "灯燈 热熱 爱愛 状狀 独獨 环環 电電 画畫 监監 盘盤 确確 础礎 礼禮 离離 种種 "
    "称稱 积積 稳穩 笔筆 签簽 简簡 紧緊 红紅 约約 纪紀 纯純 纸紙 线線 练練 细細 "
    "终終 给給 络絡 绝絕 统統 继繼 维維 综綜 缓緩 缩縮 网網 续續 联聯 职職 脑腦 "
    "艺藝 药藥 获獲 营營 虑慮 虽雖 见見 观觀 规規 视視 觉覺 计計 订訂 让讓 训訓 "
    "议議 记記 讲講 许許 论論 访訪 证證 评評 识識 诉訴 词詞 译譯 试試 话話 询詢 "
    "详詳 语語 读讀 调調 谁誰 谢謝 负負 责責 败敗 货貨 质質 购購 费費 资資 轻輕 "
    "边邊 达達 运運 远遠 连連 适適 递遞 遗遺 邮郵 释釋 钟鐘 钱錢 银銀 链鏈 销銷 "
    "锁鎖 门門 闭閉 闲閒 阅閱 队隊 阶階 陆陸 险險 随隨 隐隱 难難 静靜 顶頂 顺順 "
    "须須 顾顧 预預 领領 频頻 颜顏 风風 飞飛 馆館 马馬 验驗 鱼魚 鸟鳥 齐齊 龙龍 "
).split()

SIMPLIFIED_ONLY = frozenset(pair[0] for pair in _PAIRS)
TRADITIONAL_ONLY = frozenset(pair[1] for pair in _PAIRS)


def other_variant(text: str, script: str) -> list[str]:
    """The characters of `text` that belong to the other variant than
    `script` ("Hans" or "Hant"), in order of first use, when `text` has none
    of its own; [] otherwise, and for any other script."""
    if script not in ("Hans", "Hant"):
        return []
    own, other = (
        (SIMPLIFIED_ONLY, TRADITIONAL_ONLY)
        if script == "Hans"
        else (TRADITIONAL_ONLY, SIMPLIFIED_ONLY)
    )
    if any(c in own for c in text):
        return []
    return list(dict.fromkeys(c for c in text if c in other))
