# ruff: noqa: E501  (letter bodies keep the lines their writers typed)
"""Letters 356-405: a second fresh held-out set ("fresh2"), written blind while the extractor
was being tuned, by a writer who never opened mailflow/extract/ or ran the extractor on them.
Nobody tuning the extractor reads this file or these letters."""

from build import Att, D, G, J, L, P, X


def sig(body: str) -> str:
    """A signature opened by the standard delimiter line '-- ' (dash, dash, space)."""
    return body.replace("\n--\n", "\n-- \n")


LETTERS = [
# 356
L("ru", "damage", "windows-1251, rambling, two products named but only one damaged, JPEG sent as scan.pdf",
  "Лариса Пестова <pestova.lara@mail.ru>", "Зеркало приехало разбитым", """
Добрый день!

Вчера ТК «Северный путь» привезла мой заказ № 45-6187: зеркало в раме Орион 60х90 и полку навесную Лофт. Полка целая, а у зеркала по стеклу пошла трещина через всё полотно, рама в углу расколота. Упаковка — один картон, ни уголков, ни пузырчатой плёнки, так что неудивительно.

Снимки приложила. Пришлите, пожалуйста, новое зеркало, а разбитое заберите: г. Екатеринбург, ул. Шейнкмана, 90, кв. 51.

Лариса
тел. 8 (343) 278-14-60
""", cs="windows-1251", att=[J("IMG_20261130_181502.jpg"), J("scan.pdf", ctype="application/pdf")],
  order_number="45-6187", product_name="зеркало в раме Орион 60х90",
  grounds="у зеркала по стеклу пошла трещина через всё полотно, рама в углу расколота",
  demand="replacement", location="г. Екатеринбург, ул. Шейнкмана, 90, кв. 51", phone="+73432781460"),

# 357
L("en", "shortage", "US B2B, three lines of which two short, count sheet XLSX with units, US date, phone below '-- '",
  "Receiving <receiving@brightlinetech.com>", "Short shipment - PO BT-22817", sig("""
Hi team,

Your shipment against PO BT-22817 hit our dock on 11/24/2026 and our count doesn't match the packing list:

  USB-C charging cables, 2 m (SKU CB-UC200): packing list 150, counted 120
  20W wall adapters (SKU PW-A20): packing list 80, counted 80 - OK
  Braided Lightning cables (SKU CB-LT100): packing list 60, counted 45

Count sheet attached. Please ship what's missing, or credit it against our next invoice.

--
Marcus Ortega | Receiving Lead, Brightline Tech
(617) 555-0143
"""), att=[X("count_sheet_BT-22817.xlsx", ("SKU", "Description", "Unit", "Packing list", "Counted"),
             ("CB-UC200", "USB-C charging cable 2 m", "pcs", 150, 120),
             ("PW-A20", "20W wall adapter", "pcs", 80, 80),
             ("CB-LT100", "Braided Lightning cable", "pcs", 60, 45))],
  order_number="BT-22817", product_name=["USB-C charging cables, 2 m", "Braided Lightning cables"],
  product_sku=["CB-UC200", "CB-LT100"], unit=["pcs", "pcs"], quantity_ordered=["150", "60"],
  quantity_received=["120", "45"], grounds="our count doesn't match the packing list",
  demand=["delivery_of_missing", "refund"], delivery_date="2026-11-24", phone="+16175550143"),

# 358
L("ru", "delay", "koi8-r, delivery postponed again and again, paid date, penalty without a sum",
  "Геннадий Варламов <varlamov.gena@rambler.ru>", "Переносы доставки, заказ 91-6630", """
Здравствуйте.
Диван-кровать Бруно по заказу 91-6630 оплачен 10.11.2026. Доставку назначили на 21 число, потом перенесли на 25-е, потом на 28-е. Сегодня опять звонит диспетчер и говорит "ждите, машина сломалась". Я три раза отпрашивался с работы впустую.
Требую выплатить неустойку за просрочку и наконец назвать точную дату.
Варламов Г.П., 8 912 605 33 17
""", cs="koi8-r",
  order_number="91-6630", product_name="Диван-кровать Бруно", purchase_date="2026-11-10",
  grounds="Доставку назначили на 21 число, потом перенесли на 25-е, потом на 28-е",
  demand="compensation", phone="+79126053317"),

# 359
L("en", "wrong_item", "HTML-only list, two items each wrong (size, colour), replacement or refund",
  "Harriet Lowe <harriet.lowe@talktalk.net>", "Order #71-8853 - two wrong items", """
<html><body><div style="font-family:Georgia,serif;font-size:13px">
<p>Hi there,</p>
<p>My parcel for order 71-8853 came this morning, but two of the three things are not what I chose:</p>
<ul>
<li>the merino crew-neck jumper should be size M in forest green &ndash; the one in the bag is an XL;</li>
<li>the merino beanie should be charcoal &ndash; I've been sent a mustard one.</li>
</ul>
<p>The scarf is fine. Could you send the right jumper and beanie? If they've sold out, a refund for both instead, please.</p>
<p>Many thanks,<br>Harriet</p>
</div></body></html>
""", html=True,
  order_number="71-8853", product_name=["merino crew-neck jumper", "merino beanie"],
  grounds="the one in the bag is an XL; I've been sent a mustard one",
  demand=["replacement", "refund"]),

# 360
L("ru", "shortage", "kg short, weighing act in XLSX, waybill date, two demands, bakery address",
  "Пекарня Колосок <zakupka@kolosok35.ru>", "Недовес по ТН-20514", """
Добрый день.

Приняли товар по накладной ТН-20514 от 27.11.2026. По сахару вес сошёлся, а по муке пшеничной в/с недовес: в накладной 500 кг, на наших весах 450 кг. Акт взвешивания во вложении, подписан водителем.

Довезите, пожалуйста, 50 кг, а если не получится — уменьшите сумму по накладной. Адрес: пекарня «Колосок», г. Вологда, ул. Ленинградская, 71.

Зав. производством Смолина Т.
""", att=[X("Акт_взвешивания.xlsx", ("Наименование", "Ед.", "По накладной", "Фактически"),
             ("Мука пшеничная в/с, мешок 50 кг", "кг", 500, 450),
             ("Сахар-песок, мешок 50 кг", "кг", 300, 300))],
  waybill_number="ТН-20514", product_name="муке пшеничной в/с", unit="kg",
  quantity_ordered="500", quantity_received="450", delivery_date="2026-11-27",
  location="пекарня «Колосок», г. Вологда, ул. Ленинградская, 71",
  grounds="по муке пшеничной в/с недовес: в накладной 500 кг, на наших весах 450 кг",
  demand=["delivery_of_missing", "price_reduction"]),

# 361
L("en", "defect", "German customer, plain with HTML alternative, '12th November', '219,00 €', model as SKU, phone below '-- '",
  "Katrin Vogel <k.vogel@web.de>", "Coffee grinder CG-40 broken after two weeks", sig("""
Dear Sir or Madam,

on 12th November I bought the Orbis burr coffee grinder, model CG-40, in your shop (order 71-4026). From the first week the grind was uneven, then the upper burr started to wobble and make a squealing noise, and since Saturday the motor does not start at all.

Please repair the grinder. If a repair is not possible, I want my 219,00 € back.

Kind regards
Katrin Vogel

--
Katrin Vogel
Mobil: +49 171 2345678
"""), alt=True,
  order_number="71-4026", product_name="Orbis burr coffee grinder", product_sku="CG-40",
  purchase_date="2026-11-12",
  grounds="the upper burr started to wobble and make a squealing noise, and since Saturday the motor does not start at all",
  demand=["repair", "refund"], amount="219.00", currency="EUR", phone="+491712345678"),

# 362
L("ru", "other", "transliteration, loyalty points not credited, points are not money",
  "Dina Sh. <dina.shaykhutdinova@gmail.com>", "bally za zakaz ne prishli", """
Dobryi vecher! Za zakaz 88-9126 dolzhny byli nachislit 340 ballov (tak bylo napisano v korzine), no v lichnom kabinete ikh net, proshlo uzhe 2 nedeli. Podskazhite, pozhaluista, kogda oni poyavyatsya? Khochu ikh ispolzovat k Novomu godu.
Dina
""", order_number="88-9126",
  grounds="dolzhny byli nachislit 340 ballov, no v lichnom kabinete ikh net"),

# 363
L("en", "damage", "terse, mobile, no punctuation, PNG and JPEG photos with upper-case names",
  "Jordan Pike <jpike.91@yahoo.co.uk>", "smashed plates", """
hi ordered the hollis stoneware dinner set order 60-4471 box turned up soaking wet and 3 plates and 2 bowls are smashed pics attached just want a refund thx

Sent from my iPhone
""", att=[G("IMG_2231.PNG"), J("IMG_2232.JPG")],
  order_number="60-4471", product_name="hollis stoneware dinner set",
  grounds="box turned up soaking wet and 3 plates and 2 bowls are smashed", demand="refund"),

# 364
L("ru", "wrong_item", "Outlook Russian quote of our acknowledgement with another order number and count",
  "Олег Кравец <kravets.oleg@yandex.ru>", "RE: Обращение 6621 зарегистрировано", """
Добрый день.
В вашем ответе указан не мой заказ. Мой — 77-3105. Заказывал смеситель для кухни Ganzer, арт. GZ-4410, цвет хром, а пришёл чёрный матовый. Под нашу мойку он не подходит по цвету, коробку не вскрывал дальше осмотра.
Прошу заменить на хромированный.

Олег

От: Mailflow Claims [mailto:claims@mailflow-shop.ru]
Отправлено: 30 ноября 2026 г. 17:42
Кому: Олег Кравец
Тема: Обращение 6621 зарегистрировано

Здравствуйте! Ваше обращение по заказу 77-3150 (смеситель, 2 шт.) зарегистрировано. Ответим в течение двух рабочих дней.
""", order_number="77-3105", product_name="смеситель для кухни Ganzer", product_sku="GZ-4410",
  grounds="цвет хром, а пришёл чёрный матовый", demand="replacement"),

# 365
L("en", "service", "courier never knocked, redelivery fee charged, invented carrier, UK mobile",
  "Priya Desai <priya.desai@sky.com>", "Swiftline 'missed you' card - I was in!", """
Hello,

I was home all day on Saturday waiting for order 40-8835. The Swiftline driver didn't ring or knock - my doorbell camera shows him pushing a "sorry we missed you" card through the letterbox and walking off without trying. Now your site has charged me £4.99 for a redelivery that was never my fault.

Please refund the £4.99 and tell Swiftline to actually knock next time.

Priya Desai
07823 614205
""", order_number="40-8835",
  grounds="The Swiftline driver didn't ring or knock",
  demand="refund", amount="4.99", currency="GBP", phone="+447823614205"),

# 366
L("ru", "defect", "HTML-only in koi8-r with &laquo; entities, date '15 ноября', price in roubles",
  "Зоя Михайловна <zoya.petrenko@rambler.ru>", "Обогреватель пахнет гарью", """
<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>
<div>Здравствуйте!</div>
<div>15 ноября купила у вас масляный обогреватель &laquo;Термия&raquo; 9 секций (заказ 88-5570). С первого дня от него пахнет горелым пластиком, а вчера он щелкнул и выбил автомат в щитке. Больше включать боюсь, у меня внуки.</div>
<div>Прошу вернуть деньги, 4 790 руб., обогреватель в коробке, могу отдать курьеру.</div>
<div>Петренко З.М., тел. +7 (8482) 26-13-09</div>
</body></html>
""", html=True, cs="koi8-r",
  order_number="88-5570", product_name="масляный обогреватель «Термия» 9 секций", purchase_date="2026-11-15",
  grounds="пахнет горелым пластиком, а вчера он щелкнул и выбил автомат в щитке",
  demand="refund", amount="4790.00", currency="RUB", phone="+78482261309"),

# 367
L("en", "delay", "B2B, forwarded carrier notice below with its own consignment and a mistyped order number",
  "Site Office <office@tamarbuild.co.uk>", "Fwd: Delay notice - our order 40-7701", """
Morning,

Forwarding the carrier's note below. Our order 40-7701 - 140 packs of Kingspan K118 insulation board - was due on site on 26 November and we still have nothing. The roofers are booked and we are paying them to wait.

If it isn't at Riverside Park, Unit 9, Swindon SN2 2BA by Thursday we'll cancel and want a full refund.

Gemma Hart, Site Office

---------- Forwarded message ---------
From: Northgate Freight <noreply@northgatefreight.co.uk>
Date: Mon, 30 Nov 2026 at 07:55
Subject: Delay notice
To: office@tamarbuild.co.uk

Consignment NF-3319025 (ref 40-7107, 12 pallets) is delayed at our Avonmouth hub. New ETA to follow.
""", order_number="40-7701", product_name="Kingspan K118 insulation board", quantity="140", unit="pack",
  location="Riverside Park, Unit 9, Swindon SN2 2BA",
  grounds="was due on site on 26 November and we still have nothing", demand="refund"),

# 368
L("ru", "shortage", "counts in words, no punctuation, typos",
  "Стас <stas.bulygin@inbox.ru>", "ламинат не весь", """
добрый день заказ ЗК-74518 заказывал двенадцать упаковок ламината Floorwood Дуб Альпийский привезли девять водитель сказал остальное на складе не нашли а мне в субботу укладывать довезите три упаковки срочно
""", order_number="ЗК-74518", product_name="ламината Floorwood Дуб Альпийский", unit="pack",
  quantity_ordered="12", quantity_received="9",
  grounds="заказывал двенадцать упаковок ламината привезли девять", demand="delivery_of_missing"),

# 369
L("en", "other", "price-drop request, US date of purchase, amount as the difference",
  "Derek Mills <derek.mills@att.net>", "Price dropped 4 days after I bought", """
Hi,

I bought the Arlo-Vance 6 qt air fryer on 11/24/2026 (order 82-6093) for $129.99. Today the same fryer is listed at $99.99 on your site. Do you do price adjustments? If so I'd like the $30 difference refunded to my card.

Thanks,
Derek
""", order_number="82-6093", product_name="Arlo-Vance 6 qt air fryer", purchase_date="2026-11-24",
  grounds="Today the same fryer is listed at $99.99 on your site. Do you do price adjustments",
  demand="refund", amount="30.00", currency="USD"),

# 370
L("ru", "damage", "waybill and count only in the DOCX act, two photos, refund sum with a space",
  "Ландшафт-Сервис <snab@landshaft-servis.ru>", "Бой бордюра при доставке", """
Добрый день!

Вчера принимали бордюр садовый Стандарт. У части бордюров отбиты края и торцы, несколько штук треснули пополам — поддон был плохо закреплён в кузове. Акт о повреждении, подписанный водителем, и фото прикладываю.

Просим вернуть деньги за испорченные бордюры — 5 180 руб.

Снабженец Ершов П.
""", att=[D("Акт о повреждении.docx", "АКТ о повреждении груза",
           "Накладная ТН-20877 от 30.11.2026",
           "Бордюр садовый Стандарт 1000х200х80 — 60 шт.",
           "Выявлены сколы и трещины, груз не был закреплён."),
         J("DSC_0412.JPG"), J("DSC_0413.JPG")],
  waybill_number="ТН-20877", product_name="бордюр садовый Стандарт", quantity="60", unit="pcs",
  delivery_date="2026-11-30",
  grounds="У части бордюров отбиты края и торцы, несколько штук треснули пополам",
  demand="refund", amount="5180.00", currency="RUB"),

# 371
L("en", "wrong_item", "terse, invoice and order numbers only in a PDF sent as application/octet-stream, SKU there",
  "Callum Reid <callum.reid@gmail.com>", "wrong voltage", """
Got the 12V version of the Voltra cordless drill instead of the 18V one I paid for. Invoice attached. Swap it please.
Callum
""", att=[P("INV-588204.pdf", "Mailflow Shop - Invoice INV-588204", "Order 82-9310",
           "VT-DR18 Voltra cordless drill 18V  1 pcs  149.00 GBP", ctype="application/octet-stream")],
  invoice_number="INV-588204", order_number="82-9310", product_name="Voltra cordless drill",
  product_sku="VT-DR18", grounds="Got the 12V version of the Voltra cordless drill instead of the 18V one",
  demand="replacement"),

# 372
L("ru", "service", "windows-1251, assembler scratched the floor, amount in words",
  "Вероника Гладких <gladkih.veronika@mail.ru>", "Сборщик испортил пол", """
Здравствуйте.

По заказу 45-7309 вчера приходил ваш сборщик собирать шкаф. Собрал, но при этом протащил тяжёлую боковину по полу и оставил на ламинате две глубокие царапины длиной сантиметров по сорок. На мои замечания ответил, что «это не его проблемы», и ушёл.

Ремонт доски мастер оценил в три с половиной тысячи рублей. Прошу компенсировать эти расходы.

Вероника, 89225551234
""", cs="windows-1251",
  order_number="45-7309",
  grounds="протащил тяжёлую боковину по полу и оставил на ламинате две глубокие царапины",
  demand="compensation", amount="3500.00", currency="RUB", phone="+79225551234"),

# 373
L("en", "shortage", "two products short, every count in words (one a dozen), Somerset landline",
  "Eileen Marsh <eileen.marsh@btopenworld.com>", "Missing bits from 60-3390", """
Hello,

My garden order 60-3390 came on Friday but it isn't all there. I ordered six tomato grow planters and only four were delivered, and of the dozen terracotta pots I paid for there are nine. The compost was all present and correct.

Could you please send the two planters and three pots that are missing? Address as on the order, 3 Orchard Close, Taunton TA1 4RS.

With thanks,
Eileen Marsh
01823 445566
""", order_number="60-3390", product_name=["tomato grow planters", "terracotta pots"],
  quantity_ordered=["6", "12"], quantity_received=["4", "9"],
  location="3 Orchard Close, Taunton TA1 4RS",
  grounds="I ordered six tomato grow planters and only four were delivered, and of the dozen terracotta pots I paid for there are nine",
  demand="delivery_of_missing", phone="+441823445566"),

# 374
L("ru", "defect", "koi8-r, rambling, error code, date in words, Pskov landline",
  "Антонина Захарова <zaharova.a@list.ru>", "Стиральная машина не сливает воду", """
Добрый день.

9 ноября мы купили стиральную машину Веста WM-612 (заказ 77-6884). Отработала меньше трех недель. Позавчера посреди стирки остановилась, на табло ошибка E21, вода в барабане стоит и не уходит. Фильтр почистили, шланг не пережат. Дверцу открыли только через аварийный трос, белье пришлось полоскать в ванной.

Просим прислать мастера и отремонтировать машину по гарантии.

Захарова А.В.
тел. 8 (8112) 72-40-19
""", cs="koi8-r",
  order_number="77-6884", product_name="стиральную машину Веста WM-612", purchase_date="2026-11-09",
  grounds="остановилась, на табло ошибка E21, вода в барабане стоит и не уходит",
  demand="repair", phone="+78112724019"),

# 375
L("en", "delay", "terse, tracking stuck, 'Nov 21', dollars",
  "Tyler Brooks <tbrooks@protonmail.com>", "82-7452 stuck in transit", """
Ordered Nov 21, order 82-7452, paid $64.50 for express. Parcelway tracking says "in transit" since the 24th, no movement. Either get it moving or refund me the $64.50.
""", order_number="82-7452", purchase_date="2026-11-21",
  grounds='Parcelway tracking says "in transit" since the 24th, no movement',
  demand="refund", amount="64.50", currency="USD"),

# 376
L("ru", "other", "partial cancellation of one item before dispatch, refund with the ₽ sign",
  "Кира Левченко <kira.lev@ya.ru>", "Убрать одну позицию из заказа", """
Добрый день! В заказе 88-2074 две позиции. Кресло-мешок Груша XL мне уже не нужно, уберите его, пожалуйста, из заказа, пока не отправили. Ночник оставьте. Деньги за кресло-мешок (2 190 ₽) верните на карту, с которой платила.
Спасибо, Кира
""", order_number="88-2074", product_name="Кресло-мешок Груша XL",
  grounds="Кресло-мешок Груша XL мне уже не нужно, уберите его из заказа",
  demand="refund", amount="2190.00", currency="RUB"),

# 377
L("en", "damage", "Outlook quote of our dispatch note with other counts; a PDF named .jpg is a document",
  "Nadia Khan <nadia.khan@outlook.com>", "RE: Your order 40-6218 has shipped", """
Hi,

The second box of this order turned up with a big hole in its side and 11 of the aqua glass mosaic sheets inside have cracked or missing tiles. I've attached the driver's delivery note where I wrote "box damaged". Could you send me 11 replacement sheets? I can't finish the splashback without them.

Nadia

From: Mailflow Shop <orders@mailflow-shop.com>
Sent: 26 November 2026 09:14
To: Nadia Khan
Subject: Your order 40-6218 has shipped

Your order 40-6218 has shipped: Aqua glass mosaic sheet x 30, Tile adhesive 5 kg x 2. Tracking PW-88120455.
""", att=[P("photo_box.jpg", "Parcelway delivery note", "Consignee: N. Khan",
           "Remark: box 2 of 2 damaged", ctype="image/jpeg")],
  order_number="40-6218", product_name="aqua glass mosaic sheets",
  grounds="11 of the aqua glass mosaic sheets inside have cracked or missing tiles",
  demand="replacement"),

# 378
L("ru", "shortage", "Outlook quote of the customer's own earlier letter with a wrong count; bottles as pcs",
  "Кафе Рыжий кот <ryzhiykot.cafe@gmail.com>", "RE: Недовоз сиропов", """
Поправка к моему письму ниже: я ошибся с цифрами. По заказу 77-6605 заказывали 24 бутылки сиропа Barline 1 л, а привезли 18 бутылок. Ждём 6 бутылок в кафе «Рыжий кот», г. Калуга, ул. Кирова, 19.

Артём, управляющий

От: Кафе Рыжий кот <ryzhiykot.cafe@gmail.com>
Отправлено: 30 ноября 2026 г. 21:03
Кому: claims@mailflow-shop.ru
Тема: Недовоз сиропов

Заказ 77-6605, сиропов было 30, пришло 20. Довезите.
""", order_number="77-6605", product_name="сиропа Barline 1 л", unit="pcs",
  quantity_ordered="24", quantity_received="18",
  location="кафе «Рыжий кот», г. Калуга, ул. Кирова, 19",
  grounds="заказывали 24 бутылки сиропа Barline 1 л, а привезли 18 бутылок",
  demand="delivery_of_missing"),

# 379
L("en", "defect", "HTML-only table, two products with model codes, US delivery date, phone in HTML signature",
  "Facilities <facilities@northpeakdesign.com>", "Faulty chairs and desk frame - order 82-5148", """
<html><body>
<p>Hello,</p>
<p>We took delivery of order 82-5148 on 11/09/2026. Two items have failed within three weeks:</p>
<table border="1" cellpadding="4">
<tr><th>Item</th><th>Qty</th><th>Problem</th></tr>
<tr><td>Kestrel ergonomic chairs (model KC-300)</td><td>2</td><td>gas lift sinks to the lowest position within minutes</td></tr>
<tr><td>Liftbase standing desk frame (model LB-DF2)</td><td>1</td><td>left leg motor dead, desk tilts when raised</td></tr>
</table>
<p>Please arrange repair or replacement of these.</p>
<p>Thanks,<br>Renee Walsh<br>Facilities, Northpeak Design<br>+1 (646) 555-0199</p>
</body></html>
""", html=True,
  order_number="82-5148", product_name=["Kestrel ergonomic chairs", "Liftbase standing desk frame"],
  product_sku=["KC-300", "LB-DF2"], quantity=["2", "1"], delivery_date="2026-11-09",
  grounds="gas lift sinks to the lowest position within minutes; left leg motor dead, desk tilts when raised",
  demand=["repair", "replacement"], phone="+16465550199"),

# 380
L("ru", "damage", "transliteration, order number in Latin letters, two photos",
  "Ilya Fomin <ilya.fomin86@gmail.com>", "holodilnik s vmyatinoi", """
Zdravstvuite. Segodnya privezli holodilnik Nordfrost NR-404 po zakazu ZK-74690. Na pravoi stenke bolshaya vmyatina, na dveri carapina, upakovka porvana. Kurer skazal pisat vam. Foto prikladyvayu. Holodilnik stoit u menya doma: g. Ulyanovsk, ul. Goncharova, 38, kv. 112. Proshu zamenit.
Ilya +7 927 118 40 22
""", att=[J("holodilnik1.jpeg"), J("holodilnik2.jpeg")],
  order_number="ZK-74690", product_name="holodilnik Nordfrost NR-404",
  location="g. Ulyanovsk, ul. Goncharova, 38, kv. 112",
  grounds="Na pravoi stenke bolshaya vmyatina, na dveri carapina, upakovka porvana",
  demand="replacement", phone="+79271184022"),

# 381
L("en", "other", "pre-sale question about delivery to Jersey, no order yet",
  "Martin Le Brun <martin.lebrun@jerseymail.je>", "Delivery to Jersey?", """
Good afternoon,

I'm interested in the Halden 4-seat garden sofa set but your checkout won't accept my JE postcode. Do you deliver to Jersey at all, and if so, what would it cost and how long would it take? Happy to pay extra.

Regards,
Martin Le Brun
""", product_name="Halden 4-seat garden sofa set",
  grounds="Do you deliver to Jersey at all, and if so, what would it cost"),

# 382
L("ru", "service", "refund paid short; several sums, only the missing part is claimed",
  "Алёна Сушко <alyona.sushko@mail.ru>", "Вернули не всю сумму", """
Здравствуйте. 20.11 я вернула куртку по заказу 88-3461, за неё платила 8 990 руб. Вчера пришёл возврат, но всего 7 990 руб. В поддержке сказали, что удержали 1000 за «доставку возврата», хотя куртка была с браком и возврат по браку бесплатный, это у вас же на сайте написано.
Верните, пожалуйста, недостающие 1 000 рублей.
""", order_number="88-3461", product_name="куртку",
  grounds="удержали 1000 за «доставку возврата», хотя куртка была с браком и возврат по браку бесплатный",
  demand="refund", amount="1000.00", currency="RUB"),

# 383
L("en", "wrong_item", "Irish B2B, boxes of bolts, delivery note number, stores address, Cork landline",
  "Stores <stores@mcgrathfab.ie>", "Wrong finish on bolts - DN-88210", """
Hi,

Delivery note DN-88210 (our order 40-9356) - we ordered 40 boxes of M6x30 hex bolts, A2 stainless (item no. HB-M630-A2). What came is 40 boxes of zinc-plated bolts. We can't use zinc on a marine job.

Please collect them and send the stainless ones. They're sitting in our stores at Unit 3, Little Island Business Park, Cork.

Sean Murphy, Stores
021 430 5566
""", waybill_number="DN-88210", order_number="40-9356", product_name="M6x30 hex bolts, A2 stainless",
  product_sku="HB-M630-A2", quantity="40", unit="box",
  location="our stores at Unit 3, Little Island Business Park, Cork",
  grounds="What came is 40 boxes of zinc-plated bolts", demand="replacement", phone="+353214305566"),

# 384
L("ru", "defect", "order number and model only in a real PDF; a receipt photo JPEG named chek.pdf",
  "Эльвира Гарипова <garipova.elvira@bk.ru>", "Наушник не заряжается", """
Здравствуйте. 14.10.2026 купила у вас беспроводные наушники Звук Pro X2. Уже месяц левый наушник не заряжается: в кейсе индикатор не загорается и он садится через 10 минут. Гарантийный талон и фото чека прикладываю.
Верните деньги, 3 299 р.
""", att=[P("garantiya.pdf", "Warranty card", "Order 91-2207", "Model ZP-X2 wireless earbuds", "Warranty: 12 months"),
         J("chek.pdf", ctype="application/pdf")],
  order_number="91-2207", product_name="беспроводные наушники Звук Pro X2", product_sku="ZP-X2",
  purchase_date="2026-10-14",
  grounds="левый наушник не заряжается: в кейсе индикатор не загорается и он садится через 10 минут",
  demand="refund", amount="3299.00", currency="RUB"),

# 385
L("en", "delay", "Canadian, rambling, '$14.99 CAD' shipping fee claimed back, Toronto phone",
  "Mei Lin Chow <meilin.chow@rogers.com>", "Express order still not here", """
Hello,

I ordered a Northwind down parka (order 60-9918) on November 14th and paid extra for express shipping because I'm travelling on the 5th. The Maplewood Express tracking said "out for delivery" on the 25th, then "delivery exception - address not found" (my address hasn't changed in nine years), and it's been sitting at their depot ever since. Nobody from Maplewood answers the phone.

Please get the parka to me before Friday. Whatever happens, I'd like the express fee of $14.99 CAD refunded, since it clearly wasn't express.

Thank you,
Mei Lin Chow
416-555-0182
""", order_number="60-9918", product_name="Northwind down parka", purchase_date="2026-11-14",
  grounds='then "delivery exception - address not found" and it\'s been sitting at their depot ever since',
  demand="refund", amount="14.99", currency="CAD", phone="+14165550182"),

# 386
L("ru", "shortage", "windows-1251, two products short, packs and a decimal kg count",
  "Кофейня Зерно <zerno.coffee@yandex.ru>", "Недостача по заказу 45-8212", """
Добрый день.
Получили заказ 45-8212, не хватает по двум позициям:
1) чай чёрный Лисма Крепкий — заказывали 15 упак., пришло 12 упак.;
2) кофе молотый Арабика Мокко — заказывали 6 кг, пришло 4,5 кг (одна пачка 1,5 кг отсутствует).
Просим дослать недостающее вместе со следующей поставкой.
Бариста-управляющий Денис, +7 (846) 207-66-15
""", cs="windows-1251",
  order_number="45-8212", product_name=["чай чёрный Лисма Крепкий", "кофе молотый Арабика Мокко"],
  unit=["pack", "kg"], quantity_ordered=["15", "6"], quantity_received=["12", "4.5"],
  grounds="не хватает по двум позициям", demand="delivery_of_missing", phone="+78462076615"),

# 387
L("en", "damage", "Australian, terse, keeps the item for money off, 'A$45', mobile",
  "Jess Whitlam <jess.whitlam@bigpond.com>", "cracked board 60-6618", """
Hey, the jarrah serving board from order 60-6618 arrived with a split running down the middle, box looked like it'd been dropped. It's a gift so I'd rather keep it if you knock A$45 off. Cheers, Jess 0412 345 678
""", order_number="60-6618", product_name="jarrah serving board",
  grounds="arrived with a split running down the middle", demand="price_reduction",
  amount="45.00", currency="AUD", phone="+61412345678"),

# 388
L("ru", "wrong_item", "HTML-only in windows-1251, buckets counted as pieces, shop address",
  "Магазин Радуга <raduga.pskov@mail.ru>", "Пересорт краски, заказ 45-9044", """
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>
<p>Добрый день.</p>
<p>В заказе 45-9044 мы заказывали краску Палитра Фасад белую 9 л — 4 ведра. Пришли 4 ведра Палитра Интерьер, это краска для внутренних работ, на фасад мы её поставить не можем.</p>
<p>Просим заменить. Вёдра не вскрывали, стоят в магазине: г. Псков, ул. Труда, 17, магазин «Радуга».</p>
<p>Товаровед Лапина Н.<br>8 (8112) 66-02-31</p>
</body></html>
""", html=True, cs="windows-1251",
  order_number="45-9044", product_name="краску Палитра Фасад белую 9 л", quantity="4", unit="pcs",
  location="г. Псков, ул. Труда, 17, магазин «Радуга»",
  grounds="Пришли 4 ведра Палитра Интерьер, это краска для внутренних работ",
  demand="replacement", phone="+78112660231"),

# 389
L("en", "service", "support promised callbacks that never came, goodwill asked without a sum",
  "Graham Oduya <g.oduya@gmail.com>", "Three promised callbacks, zero calls", """
Hi,

Since 20 November I've phoned your helpline three times about my return on order 71-5007. Each time I was told a supervisor would call me back within 24 hours. No call, ever. On top of that, the return label you emailed has now been cancelled without anyone telling me.

I'd like someone to actually deal with the return, and some goodwill gesture for the hours I've spent on hold would be appropriate.

Graham Oduya
""", order_number="71-5007",
  grounds="Each time I was told a supervisor would call me back within 24 hours. No call, ever",
  demand="compensation"),

# 390
L("ru", "defect", "Gmail quote of our question below with another order number, two demands, phone with dashes",
  "Руслан Гайнуллин <gainullin.ruslan@gmail.com>", "Re: Уточнение по обращению", """
Номер заказа 45-2727, а не тот, что у вас в письме. Электросамокат Вихрь S9 купили 2 октября. Аккумулятор перестал держать заряд: с полного заряда проезжает 3-4 км вместо 30, потом выключается. Хотим ремонт, а если аккумулятор не найдётся — замену самоката.
+7-921-555-44-33 Руслан

вт, 1 дек. 2026 г. в 09:12, Mailflow Shop <claims@mailflow-shop.ru>:
> Здравствуйте! Подтвердите, пожалуйста, что речь о заказе 45-2277 от 02.09.2026, и опишите неисправность.
""", order_number="45-2727", product_name="Электросамокат Вихрь S9", purchase_date="2026-10-02",
  grounds="Аккумулятор перестал держать заряд: с полного заряда проезжает 3-4 км вместо 30, потом выключается",
  demand=["repair", "replacement"], phone="+79215554433"),

# 391
L("en", "shortage", "'-----Original Message-----' with the buyer's first (revised) PO quantity below",
  "Purchasing <purchasing@quillandco.co.uk>", "RE: Notebooks INV-590318", """
Hello again,

To be clear, the final quantity on INV-590318 was 50 packs of A5 kraft notebooks, not the 60 in my first email below. 35 packs turned up on Friday. Please send the remaining 15 packs.

Tom Ashby
Quill & Co

-----Original Message-----
From: Purchasing <purchasing@quillandco.co.uk>
Sent: 18 November 2026 11:20
To: sales@mailflow-shop.com
Subject: Notebooks INV-590318

Please confirm 60 packs of the A5 kraft notebooks for delivery next week.
""", invoice_number="INV-590318", product_name="A5 kraft notebooks", unit="pack",
  quantity_ordered="50", quantity_received="35",
  grounds="the final quantity was 50 packs of A5 kraft notebooks. 35 packs turned up",
  demand="delivery_of_missing"),

# 392
L("ru", "other", "windows-1251, reconciliation statement request, contract number with letters",
  "Бухгалтерия ООО Стройресурс <buh@stroyresurs-tmn.ru>", "Акт сверки по договору 57/2026-ОП", """
Добрый день!
Просим направить акт сверки взаимных расчётов по договору поставки № 57/2026-ОП за период с 01.07.2026 по 30.11.2026. Подписанный с нашей стороны экземпляр вернём в течение недели.
Гл. бухгалтер Сорокина В.А.
тел. (3452) 68-14-70
""", cs="windows-1251",
  contract_number="57/2026-ОП", grounds="Просим направить акт сверки взаимных расчётов",
  phone="+73452681470"),

# 393
L("en", "defect", "food past its best-before date; that date is not labelled, the delivery date is",
  "Olivia Grant <olivia.grant@icloud.com>", "Out of date oat milk", """
Hi,

My order 82-3379 was delivered on 28 November and included 2 packs of Oatfield Barista oat drink (6 x 1 L each). Every carton is stamped best before 20/11/2026 - already out of date when it arrived - and the one I opened had gone sour.

I'd like a refund for both packs, £19.80.

Olivia
07458 331906
""", order_number="82-3379", product_name="Oatfield Barista oat drink", quantity="2", unit="pack",
  delivery_date="2026-11-28",
  grounds="Every carton is stamped best before 20/11/2026 - already out of date when it arrived",
  demand="refund", amount="19.80", currency="GBP", phone="+447458331906"),

# 394
L("ru", "delay", "legal style, contract and order, deadline date not labelled, penalty in roubles, HTML alternative",
  "Склад ООО Аркада <sklad@arkada-kaluga.ru>", "Претензия о просрочке поставки по договору ДП-118/26", """
Директору интернет-магазина

Между нашими организациями заключён договор поставки № ДП-118/26, по которому (заказ ЗК-74733) вы обязались поставить стеллажи металлические МС-200 в количестве 20 шт. в срок не позднее 16.11.2026. Товар до сих пор не поставлен.

На основании п. 6.2 договора начислена неустойка за 15 дней просрочки в размере 3 240 руб. Требуем оплатить неустойку и поставить товар в течение пяти рабочих дней.

Заведующий складом Никитин О.С.
+7 (4842) 57-31-08
""", alt=True,
  contract_number="ДП-118/26", order_number="ЗК-74733", product_name="стеллажи металлические МС-200",
  quantity="20", unit="pcs", grounds="обязались поставить в срок не позднее 16.11.2026. Товар до сих пор не поставлен",
  demand="compensation", amount="3240.00", currency="RUB", phone="+74842573108"),

# 395
L("en", "wrong_item", "Irish, wrong variant, article in brackets, replacement or a euro refund",
  "Aoife Byrne <aoife.byrne@eircom.net>", "Wrong toaster sent - 71-4412", """
Hi,

I ordered the 4-slice toaster in cream (art. TS-4C), order 71-4412, and the box has the 2-slice in black. Can you swap it for the one I ordered? If that's not possible I'll take a refund of the €79 instead.

Thanks a million,
Aoife
086 245 7781
""", order_number="71-4412", product_name="4-slice toaster in cream", product_sku="TS-4C",
  grounds="the box has the 2-slice in black", demand=["replacement", "refund"],
  amount="79.00", currency="EUR", phone="+353862457781"),

# 396
L("ru", "damage", "counts in words, boxes, photo without extension sent as octet-stream, phone below '-- '",
  "Маргарита Юдина <yudina.rita@yandex.ru>", "Бокалы вдребезги", sig("""
Здравствуйте!

Сегодня курьер привёз пять коробок с бокалами для вина Кристалл (заказ 88-6405, к свадьбе дочери). Вскрыли при нём: в двух коробках почти всё вдребезги, осколки прямо в гнёздах. Курьер сфотографировал и уехал, сказал писать вам. Мои фото тоже прикладываю.

Замените, пожалуйста, разбитые бокалы, свадьба 12 декабря.

--
Маргарита Юдина
+7 (917) 412-08-55
"""), att=[J("IMG_5501.jpg"), J("IMG_5502.jpg"), J("IMG_5503", ctype="application/octet-stream")],
  order_number="88-6405", product_name="бокалами для вина Кристалл", quantity="5", unit="box",
  grounds="в двух коробках почти всё вдребезги, осколки прямо в гнёздах",
  demand="replacement", phone="+79174120855"),

# 397
L("en", "other", "HTML-only, VAT invoice request; a VAT number is not an order number",
  "Accounts <accounts@fennelandfig.co.uk>", "VAT invoice for order 82-1450", """
<div dir="ltr"><div>Hello,</div><div><br></div><div>Could you send a full VAT invoice for order 82-1450 addressed to Fennel &amp; Fig Ltd, VAT number GB 284 5519 07? The receipt in the box doesn't show our company details and our accountant needs them for the quarter.</div><div><br></div><div>Kind regards,</div><div>Ruth Abbott, Accounts</div></div>
""", html=True,
  order_number="82-1450", grounds="Could you send a full VAT invoice for order 82-1450 addressed to Fennel & Fig Ltd"),

# 398
L("ru", "service", "no punctuation, courier demanded cash for the free lift",
  "Тоня <tonya.makeeva@mail.ru>", "курьер взял деньги", """
здравствуйте привезли заказ 91-4118 посудомойку курьер сказал что поднимет только за 500 рублей наличными хотя подъем на лифте у вас бесплатный я заплатила потому что одна не донесу верните мне эти 500 рублей и разберитесь с курьером
""", order_number="91-4118", product_name="посудомойку",
  grounds="курьер сказал что поднимет только за 500 рублей наличными хотя подъем на лифте у вас бесплатный",
  demand="refund", amount="500.00", currency="RUB"),

# 399
L("en", "damage", "Swiss customer, 'CHF 89.-', photo named .HEIC.jpg, Zurich mobile",
  "Lukas Brunner <lukas.brunner@bluewin.ch>", "Carafe arrived broken, order 71-3388", """
Hello,

The Alpenglas decanter carafe from order 71-3388 was in pieces when I opened the parcel today; there was only a thin layer of paper around it. Photo attached. I would like a refund of CHF 89.- please, I don't need a replacement.

Best regards
Lukas Brunner
+41 79 123 45 67
""", att=[J("IMG_7781.HEIC.jpg")],
  order_number="71-3388", product_name="Alpenglas decanter carafe",
  grounds="was in pieces when I opened the parcel today", demand="refund",
  amount="89.00", currency="CHF", phone="+41791234567"),

# 400
L("ru", "shortage", "parcels counted without unit, packing list DOCX says the number of places",
  "Игорь Селезнёв <seleznev.igor@gmail.com>", "Не хватает коробки от шкафа", """
Добрый вечер. Заказ 77-4932, шкаф-купе Лайн трёхдверный. По упаковочному листу мест 6, курьер выгрузил 5, коробки с зеркальной дверью нет. Собрать без неё нельзя. Довезите недостающую коробку, адрес доставки тот же.
""", att=[D("Упаковочный лист 77-4932.docx", "Упаковочный лист", "Заказ 77-4932",
           "Шкаф-купе Лайн 3-дверный", "Количество мест: 6")],
  order_number="77-4932", product_name="шкаф-купе Лайн трёхдверный",
  quantity_ordered="6", quantity_received="5",
  grounds="По упаковочному листу мест 6, курьер выгрузил 5, коробки с зеркальной дверью нет",
  demand="delivery_of_missing"),

# 401
L("en", "delay", "Outlook quote of our reply with a promised date and a mistyped order number",
  "Sam Okafor <sam.okafor@gmail.com>", "RE: Your enquiry about order 60-8127", """
Hi,

Your message below promised the trailer would be with me by 27 November. It's now 1 December and still nothing. I ordered the Ridgeback cargo bike trailer on 16 November (order 60-8127, not 60-8172 as you wrote). Please cancel it and refund the £189.

Sam

From: Mailflow Shop <support@mailflow-shop.com>
Sent: 24 November 2026 15:30
To: Sam Okafor
Subject: Your enquiry about order 60-8127

Hi Sam, thanks for waiting. Order 60-8172 is now scheduled to arrive by 27 November.
""", order_number="60-8127", product_name="Ridgeback cargo bike trailer", purchase_date="2026-11-16",
  grounds="promised the trailer would be with me by 27 November. It's now 1 December and still nothing",
  demand="refund", amount="189.00", currency="GBP"),

# 402
L("ru", "wrong_item", "two products wrong colour, DOCX claim sent as .doc with application/msword",
  "ИП Гусейнов <guseinov.electro@mail.ru>", "Пересорт по заказу 88-7736", """
Добрый день. По заказу 88-7736 пришли не те цвета: заказывали розетки Lumeo Valencia белые 20 шт. и выключатели двухклавишные Lumeo Valencia белые 10 шт., а пришли бежевые. Претензия во вложении. Просим обменять.
""", att=[Att("претензия.doc", "docx", ("Претензия", "Заказ 88-7736",
                                      "Розетка Lumeo Valencia, белая — 20 шт.",
                                      "Выключатель двухклавишный Lumeo Valencia, белый — 10 шт.",
                                      "Получено: бежевый цвет. Просим обменять."), "application/msword")],
  order_number="88-7736", product_name=["розетки Lumeo Valencia белые", "выключатели двухклавишные Lumeo Valencia белые"],
  quantity=["20", "10"], unit=["pcs", "pcs"], grounds="пришли не те цвета, а пришли бежевые",
  demand="replacement"),

# 403
L("en", "defect", "typos, lower case, 'Nov 3rd', one side of an electric blanket cold",
  "kerry <kerry.lomas@hotmail.co.uk>", "blanket not warming", """
hiya the brennan dual control electric blanket i bought nov 3rd (order 82-4490) - the left side has stoped heating compleatly, controler light comes on but its stone cold. right side still works. can i get a replacment please its freezing here
kerry 07391227840
""", order_number="82-4490", product_name="brennan dual control electric blanket", purchase_date="2026-11-03",
  grounds="the left side has stoped heating compleatly, controler light comes on but its stone cold",
  demand="replacement", phone="+447391227840"),

# 404
L("ru", "other", "thanks for a courier and a question about extended warranty",
  "Борис Николаевич <b.n.sitnikov@yandex.ru>", "Спасибо и вопрос", """
Добрый день!

Хочу поблагодарить курьера, который в субботу привёз заказ 91-3304 — кофемашину Бариста Люкс: аккуратно, вовремя, помог распаковать и проверить. Побольше бы таких.

И вопрос: можно ли сейчас докупить расширенную гарантию на кофемашину, или это делается только при оформлении заказа?

Борис Николаевич
""", order_number="91-3304", product_name="кофемашину Бариста Люкс",
  grounds="можно ли сейчас докупить расширенную гарантию на кофемашину"),

# 405
L("en", "shortage", "HTML-only, metres of hose short (one roll of two), two demands, pounds",
  "Ken Ashworth <ken.ashworth@virginmedia.com>", "Half my hose is missing", """
<html><body>
<p>Hello,</p>
<p>On order 40-9517 I ordered 50 m of the Flexi-Pro 1/2&quot; garden hose (it comes as 2 x 25 m rolls). Only one 25 m roll was in the box, so I've received 25 m.</p>
<p>Please send the second roll, or if it's quicker just refund &pound;22.50 for it.</p>
<p>Ken</p>
</body></html>
""", html=True,
  order_number="40-9517", product_name='Flexi-Pro 1/2" garden hose', unit="m",
  quantity_ordered="50", quantity_received="25",
  grounds="Only one 25 m roll was in the box, so I've received 25 m",
  demand=["delivery_of_missing", "refund"], amount="22.50", currency="GBP"),
]
