"""Mainland ↔ Taiwan conversion (OpenCC guarded by a segmentation): one test per error class of issue 12.

Every sentence here is written for this project (the benchmark's third-party
sentences live in a cache outside git, .cache/bench/parallel/, and are never
used by tests).
"""
import json
import subprocess
import sys

import pytest

import opencc

from importer import conversion
from importer.conversion import SEP, word_converter
from importer.model import Article, Block, Part
from importer.script import context_of, convert
from importer.variants import make_pages
from sitesearch.fold import fold


def t2s(text, context=None):
    return convert(text, "tw2sp", context)


def s2t(text, context=None):
    return convert(text, "s2twp", context)


@pytest.mark.parametrize("taiwan, mainland", [
    ("公司決定開啟海外市場的布局。", "公司决定开启海外市场的布局。"),  # not 打开
    ("主播與觀眾的互動十分熱絡。", "主播与观众的互动十分热络。"),  # not 交互
    ("失業率是重要的經濟指標。", "失业率是重要的经济指标。"),  # not 指针
    ("成功經驗不容易被複製。", "成功经验不容易被复制。"),  # not 拷贝
    ("兩國建立了外交關係。", "两国建立了外交关系。"),  # not 创建
    ("他的申請已進入行政程序。", "他的申请已进入行政程序。"),  # not 进程
    ("導遊說明了明天的行程。", "导游说明了明天的行程。"),  # not 进程
    ("警方將依法執行搜索。", "警方将依法执行搜索。"),  # not 运行
    ("消防隊趕往現場支援。", "消防队赶往现场支援。"),  # not 支持
    ("這件裝置藝術吸引了許多遊客。", "这件装置艺术吸引了许多游客。"),  # not 设备
    ("集團計畫整合旗下兩家子公司。", "集团计划整合旗下两家子公司。"),  # not 集成
])
def test_taiwan_ordinary_words_do_not_become_mainland_it_terms(taiwan, mainland):
    assert t2s(taiwan) == mainland


@pytest.mark.parametrize("taiwan, mainland", [
    ("民眾可以透過網站查詢進度。", "民众可以通过网站查询进度。"),
    ("這批咖啡豆的品質很好。", "这批咖啡豆的质量很好。"),
    ("那位部落客開箱了新手機。", "那位博主开箱了新手机。"),
    ("聯準會主席今晚發表談話。", "美联储主席今晚发表谈话。"),
    ("通膨壓力逐漸緩解。", "通胀压力逐渐缓解。"),
    ("請先登入你的帳戶。", "请先登录你的账户。"),  # OpenCC: 帐户
    ("管理員可以在主控台中查看稽核紀錄。", "管理员可以在控制台中查看审计记录。"),  # OpenCC: 审核
])
def test_taiwan_only_words_get_mainland_words(taiwan, mainland):
    assert t2s(taiwan) == mainland


@pytest.mark.parametrize("mainland, taiwan", [
    ("社交互动平台的用户很多。", "社交互動"),  # OpenCC: 社互動動
    ("只有少数组织表示反对。", "少數組織"),  # OpenCC: 少陣列織
    ("研究员改变量测的频率。", "改變量測"),  # OpenCC: 改變數測
    ("游客聚集成群拍照。", "聚集成群"),  # OpenCC: 聚整合群
    ("粉丝发布了应援视频。", "粉絲發布"),  # OpenCC: 粉絲髮布
    ("他们是边境的士兵。", "的士兵"),  # OpenCC: 計程車兵
    ("当当前的任务结束时，系统会提醒你。", "當當前"),  # OpenCC: 噹噹前; matching goes on after the cut
])
def test_no_phrase_is_replaced_across_a_word_boundary(mainland, taiwan):
    assert taiwan in s2t(mainland)


@pytest.mark.parametrize("mainland, taiwan", [
    ("水的循环维持着湿地生态。", "循環"),  # not 迴圈
    ("他正在走法律程序。", "法律程序"),  # not 程式
    ("她的相亲对象是位老师。", "相親對象"),  # not 物件
    ("论文还在等待审核。", "等待審核"),  # not 稽核
    ("合同文件已经盖章。", "文件"),  # not 檔案
    ("新铁路连接两座城市。", "連接"),  # not 連線
    ("多数居民支持这项政策。", "支持"),  # not 支援
])
def test_it_terms_stay_out_of_ordinary_prose(mainland, taiwan):
    assert taiwan in s2t(mainland)


def test_it_terms_apply_where_the_text_is_about_software():
    text = "开发者在服务器上部署了新的软件。程序启动时会读取文件并建立连接。"
    out = s2t(text)
    assert "程式" in out and "檔案" in out and "連線" in out
    manual = "這款軟體支援多種格式，開發者可以修改預設的伺服器設定。"
    assert "支持多种格式" in t2s(manual) and "默认" in t2s(manual)


@pytest.mark.parametrize("mainland, taiwan", [
    ("这种设计很难被复制。", "被複製"),
    ("两家公司参与制造无人机。", "參與製造"),
    ("古墓被发掘后对外开放。", "被發掘"),
    ("乐团向粉丝发布了巡演日期。", "粉絲發布"),
    ("我了解了整个流程。", "解了整個"),  # 了 stays 了 (OpenCC: 瞭解瞭)
    ("通知已经被发送给所有会员。", "已經被"),
])
def test_the_right_traditional_character(mainland, taiwan):
    out = s2t(mainland)
    assert taiwan in out and "髮" not in out and "解瞭" not in out


@pytest.mark.parametrize("mainland, taiwan", [
    ("消费者越来越重视服务质量。", "服務品質"),
    ("工厂采用五纳米制程。", "奈米"),
    ("公司的营销费用增加了。", "行銷"),
    ("请先登录你的账号。", "帳號"),
    ("内存价格连续上涨。", "記憶體價格"),
])
def test_taiwan_vocabulary(mainland, taiwan):
    assert taiwan in s2t(mainland)


@pytest.mark.parametrize("taiwan, mainland", [("軟體", "软件"), ("記憶體", "内存"), ("數位", "数字")])
def test_core_taiwan_phrases_still_convert(taiwan, mainland):
    assert t2s(f"新的{taiwan}。") == f"新的{mainland}。"
    if taiwan != "數位":  # 数字 alone is a numeral (數字); 数字经济 and 数字化 are 數位
        assert s2t(f"新的{mainland}。") == f"新的{taiwan}。"
    assert s2t("数字经济与数字化转型") == "數位經濟與數位化轉型"


def test_a_film_stays_a_film_and_an_online_video_becomes_视频():
    assert "影片" in t2s("這部影片入圍了國際影展。")
    online = "她每週在 YouTube 頻道上傳一支教學影片，訂閱人數持續成長。"
    assert "视频" in t2s(online)


def test_context_is_the_whole_articles():
    body = "這款軟體支援多種格式，開發者可以修改伺服器設定。" * 3
    context = context_of(body, "tw2sp")
    assert "software" in context
    assert t2s("支援", context) == "支持"
    assert t2s("支援") == "支援"  # alone, the word has no subject


def test_title_tags_and_author_are_converted_with_the_body():
    blocks = (Block("para", "這款軟體支援多種語言，開發者可以自行切換伺服器。"),)
    article = Article("x.txt", meta={"title": "軟體更新", "tags": ("記憶體", "軟體"), "author": "資料編輯部"},
                      parts=(Part("body", "zh", blocks),))
    pages = make_pages(article).pages
    hans = pages["zh-Hans"]
    assert hans.title == "软件更新"
    assert hans.tags == ("内存", "软件")
    assert hans.author == "数据编辑部"  # software article: 資料 are data
    assert pages["zh-Hant"].author == "資料編輯部"


def test_search_folds_the_words_the_pages_convert():
    # The folding table is derived from the importer's converter: a Taiwan word
    # and the word the zh-Hans page shows for it fold to the same text.
    for taiwan in ("記憶體", "軟體", "部落客", "聯準會"):
        assert fold(taiwan) == fold(t2s(taiwan))


@pytest.mark.parametrize("mainland, crossed, garbled", [
    ("品牌重视社交互动。", "社交互動", "社互動動"),
    ("只有少数组织回应。", "少數組織", "少陣列織"),
])
def test_the_guard_cuts_where_plain_opencc_garbles(mainland, crossed, garbled):
    assert garbled in opencc.OpenCC("s2twp").convert(mainland)  # the error the guard exists for
    out = s2t(mainland)
    assert crossed in out and garbled not in out and SEP not in out


def test_the_guard_cuts_only_at_straddled_boundaries():
    guard = word_converter("s2twp")
    assert guard.crossings("社交互动") == {2}  # 交互 straddles 社交|互动
    assert guard.crossings("一包芒果干") == set()  # 芒果干 is made of whole words
    assert guard.crossings("内存价格") == set()  # 内存 is a whole word


@pytest.mark.parametrize("mainland, taiwan", [
    ("她买了一包芒果干当零食。", "芒果乾"),  # a phrase of two words: OpenCC's choice of 乾 stays
    ("这部电影由克里斯托弗·诺兰执导。", "克里斯多福·諾蘭"),  # a name OpenCC knows
    ("新版软件改进了内存管理。", "軟體"),
])
def test_what_opencc_gets_right_stays_right(mainland, taiwan):
    assert taiwan in s2t(mainland)
    assert taiwan in opencc.OpenCC("s2twp").convert(mainland)


def test_a_longer_opencc_phrase_around_an_entry_is_kept():
    # 文件 → 檔案 applies in software text, but 文件夹 is OpenCC's 資料夾, not 檔案夾
    software = frozenset({"software"})
    assert s2t("请打开用户文件夹。", software) == "請開啟使用者資料夾。"
    assert "檔案" in s2t("请打开这个文件。", software)


@pytest.mark.parametrize("mainland", [
    "他因前列腺癌接受了手术。",  # jieba keeps 前列腺癌 whole; OpenCC's 前列腺 → 攝護腺 is one of its two words
    "乔治·克鲁尼和布拉德·皮特出席了首映礼。",  # names jieba cuts into pieces are OpenCC phrases
    "这次展览以贝多芬和肖邦的手稿为主。",
])
def test_the_guard_never_cuts_a_word_opencc_matches_whole(mainland):
    assert s2t(mainland) == opencc.OpenCC("s2twp").convert(mainland)


def test_a_harmless_phrase_that_hides_the_next_word_is_cut():
    # 参与制 converts like its parts, but matched across 参与|制造 it hides 制造 → 製造
    guard = word_converter("s2twp")
    assert guard.crossings("两家公司参与制造无人机") == {6}
    assert "參與製造" in s2t("两家公司参与制造无人机。")


def test_permissions_are_權限():
    assert "權限" in s2t("管理员可以修改用户的权限。") and "許可權" not in s2t("管理员可以修改用户的权限。")
    assert "权限" in t2s("管理員可以修改使用者的許可權。")


def test_quoted_code_makes_a_text_about_software():
    assert "software" in context_of("运行 `ls -l` 列出当前目录里的文件。", "s2twp")
    assert s2t("运行 `ls -l` 列出当前目录里的文件。") == "執行 `ls -l` 列出目前目錄裡的檔案。"
    assert context_of("央行今天宣布下调利率，市场反应平淡。", "s2twp") == frozenset()
    assert s2t("当前的市场形势并不明朗。") == "當前的市場形勢並不明朗。"  # prose keeps 當前


def test_a_process_that_does_not_convert_does_not_load_the_segmenter():
    # The importer's parent process (reading, writing, the result cache) and a
    # re-import that finds nothing to do never pay for jieba's dictionary.
    code = "import sys, importer.__main__, importer.script; print('rjieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_broken_cache_of_the_derived_phrase_data_is_rebuilt():
    path = conversion._prepared_path("tw2sp")
    word_converter("tw2sp")  # the cache exists once a converter was made
    good = json.loads(path.read_text(encoding="utf-8"))
    path.write_text("{not json", encoding="utf-8")
    conversion._prepared.cache_clear()
    try:
        assert conversion._prepared("tw2sp") == good
        assert json.loads(path.read_text(encoding="utf-8")) == good
    finally:
        conversion._prepared.cache_clear()


def test_a_software_build_is_jianzhi_in_taiwan_only_in_software_text():
    software = frozenset({"software"})
    assert s2t("构建失败时，检查编译器的输出。", software) == "建置失敗時，檢查編譯器的輸出。"
    assert s2t("两国致力于构建和平。") == "兩國致力於構建和平。"
    assert t2s("建置失敗時，檢查編譯器的輸出。", software) == "构建失败时，检查编译器的输出。"


@pytest.mark.parametrize("mainland, taiwan", [
    ("美联储宣布加息两码。", "聯準會宣布升息兩碼。"),  # OpenCC: 美聯儲宣布加息
    ("散户担心年底前的抛压。", "散戶擔心年底前的賣壓。"),
    ("官方将在周五公布就业数据。", "官方將在週五公布就業數據。"),  # OpenCC: 公佈就業資料
    ("统计局公布了消费者价格指数。", "統計局公布了消費者物價指數。"),
    ("这个项目方承诺三个月内解锁代币。", "這個項目方承諾三個月內解鎖代幣。"),  # OpenCC: 專案方
    ("基金经理通过多种渠道募集资金。", "管道"),
    ("她在社交媒体上公开了持仓。", "社群媒體"),
    ("服务窗口今天暂停营业。", "服務窗口"),  # OpenCC: 視窗
    ("据消息人士透露，两家交易所正在洽谈合并。", "消息人士"),  # OpenCC: 訊息人士
])
def test_finance_and_news_words_in_taiwan(mainland, taiwan):
    assert taiwan in s2t(mainland)


def test_it_words_of_finance_news_apply_in_software_text():
    software = "开发者调用 API 读取数据，程序弹出一个新窗口并显示消息。" * 3
    out = s2t(software)
    assert "讀取資料" in out and "新視窗" in out and "顯示訊息" in out


@pytest.mark.parametrize("taiwan, mainland", [
    ("聯準會暗示明年可能再度升息。", "美联储暗示明年可能再度加息。"),
    ("比特幣在關鍵價位遭遇賣壓。", "比特币在关键价位遭遇抛压。"),
    ("這家交易所在社群平台上宣布了新的空投活動。", "这家交易所在社交平台上宣布了新的空投活动。"),  # OpenCC: 社区平台
    ("用戶可以把代幣質押到鏈上合約。", "用户可以把代币质押到链上合约。"),
    ("請妥善保管錢包的私鑰。", "请妥善保管钱包的私钥。"),
])
def test_finance_and_news_words_in_mainland_text(taiwan, mainland):
    assert t2s(taiwan) == mainland


def test_extensions_and_tokens_are_software_words_only_in_software_text():
    software = frozenset({"software"})
    assert s2t("安装浏览器扩展后，在设置中粘贴你的访问令牌。", software) == "安裝瀏覽器擴充套件後，在設定中貼上你的訪問權杖。"
    assert s2t("公司计划扩展东南亚业务。") == "公司計畫擴展東南亞業務。"  # OpenCC: 擴充套件東南亞業務
    assert t2s("請在設定中貼上你的存取權杖。", software) == "请在设置中粘贴你的访问令牌。"
    assert t2s("國王手持權杖走進大殿。") == "国王手持权杖走进大殿。"


@pytest.mark.parametrize("mainland, taiwan", [
    ("下载桌面客户端后登录。", "用戶端"),  # OpenCC: 客戶端
    ("把同事加入共享地址簿。", "通訊錄"),
    ("管理员可以导出审计日志。", "稽核日誌"),
    ("这类基金的类型比较少见。", "類型"),  # OpenCC: 型別, a data type
    ("开启屏幕捕获权限后即可共享。", "螢幕擷取"),
    ("运行安装脚本即可完成部署。", "腳本"),  # OpenCC: 指令碼
    ("下载二进制文件后解压。", "二進位"),  # OpenCC: 二進位制
    ("文档末尾附有完整示例。", "範例"),
    ("把包发布到公共注册表。", "註冊表"),  # OpenCC: 登錄檔, the Windows registry
    ("登录凭据保存在本地。", "憑證"),  # OpenCC: 憑據
    ("磁盘将满时服务器会发出报警。", "發出警報"),
    ("只有管理员拥有访问权限。", "存取權限"),  # OpenCC: 訪問許可權
    ("登录前需要验证身份。", "驗證身分"),
    ("先克隆仓库，再安装依赖。", "複製"),
    ("把常用按钮拖到工具栏或标题栏。", "工具列或標題列"),  # OpenCC: 工具欄, 標題欄
])
def test_software_vocabulary_grown_from_the_benchmark(mainland, taiwan):
    assert taiwan in s2t(mainland, frozenset({"software"}))


def test_a_firms_clients_are_not_a_programs_client():
    software = frozenset({"software"})
    assert s2t("银行的客户端午前来办理业务。", software) == "銀行的客戶端午前來辦理業務。"  # 客户|端午, not 客户端
    assert s2t("银行的客户今天来办理业务。", software) == "銀行的客戶今天來辦理業務。"


@pytest.mark.parametrize("taiwan, mainland, software", [
    ("請先安裝桌面用戶端。", "请先安装桌面客户端。", False),  # characters alone: 用户端
    ("組建失敗時，請檢查編譯器的輸出。", "构建失败时，请检查编译器的输出。", True),
    ("他們組建了一支新的球隊。", "他们组建了一支新的球队。", False),
    ("把本機檔案上傳到遠端伺服器。", "把本地文件上传到远程服务器。", True),
    ("在目錄中尋找設定檔。", "在目录中查找配置文件。", True),
    ("搜救隊仍在尋找失蹤的登山客。", "搜救队仍在寻找失踪的登山客。", False),
    ("每次提交都會執行整合測試。", "每次提交都会执行集成测试。", True),
    ("下載二進位檔案後解壓縮。", "下载二进制文件后解压缩。", True),
    ("這款手機的觸控螢幕很靈敏。", "这款手机的触摸屏很灵敏。", False),
    ("說明頁末尾附有完整範例。", "说明页末尾附有完整示例。", True),
    ("磁碟將滿時伺服器會發出警報。", "磁盘将满时服务器会发出报警。", True),
    ("入境時請出示身分證件。", "入境时请出示身份证件。", False),
    ("允許螢幕擷取後，按鈕會出現在工具列和標題列。", "允许屏幕捕获后，按钮会出现在工具栏和标题栏。", True),
])
def test_mainland_vocabulary_grown_from_the_benchmark(taiwan, mainland, software):
    assert t2s(taiwan, frozenset({"software"}) if software else None) == mainland


def test_calling_the_police_is_not_a_programs_alarm():
    assert s2t("邻居听到动静后立刻报警。") == "鄰居聽到動靜後立刻報警。"
    assert t2s("市區今天試鳴防空警報。") == "市区今天试鸣防空警报。"
